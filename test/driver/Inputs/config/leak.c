#include <Python.h>

/* Leaks `list` on every call. */
PyObject *
make(PyObject *self, PyObject *arg)
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    Py_RETURN_NONE;
}
