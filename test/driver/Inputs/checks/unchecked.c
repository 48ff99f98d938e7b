#include <Python.h>

static PyObject *
flush(PyObject *self, PyObject *stream)
{
    PyObject *r = PyObject_CallMethod(stream, "flush", NULL);
    Py_DECREF(r);
    Py_RETURN_NONE;
}
