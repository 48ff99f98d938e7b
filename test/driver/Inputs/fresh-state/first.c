/* Any file: its analysis runs first in the worker. */
#include <Python.h>

static PyObject *
first_new(PyObject *self, PyObject *arg)
{
    if (PyType_HasFeature(Py_TYPE(arg), Py_TPFLAGS_HEAPTYPE))
        return PyLong_FromLong(1);
    return PyLong_FromLong(0);
}
