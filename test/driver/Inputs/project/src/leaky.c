#include <Python.h>
#include "shared.h"

static PyObject *
leak(PyObject *self, PyObject *args)
{
    PyObject *d = PyDict_New();
    if (d == NULL)
        return NULL;
    Py_RETURN_NONE;
}
