// Releasing the same reference twice.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
twice(PyObject *self, PyObject *args)
{
    PyObject *l = PyList_New(0);
    if (l == NULL)
        return NULL;
    Py_DECREF(l);
    Py_DECREF(l); // expected-warning {{Reference released twice: the object may already be freed}}
    Py_RETURN_NONE;
}
