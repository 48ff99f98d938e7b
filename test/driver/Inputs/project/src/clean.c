#include <Python.h>

static PyObject *
fine(PyObject *self, PyObject *args)
{
    PyObject *d = PyDict_New();
    if (d == NULL)
        return NULL;
    Py_DECREF(d);
    Py_RETURN_NONE;
}
