// Impact: error-path. `if (PyErr_Occurred())` taken true is an error branch:
// `list` leaks only when the conversion raised.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
repeat(PyObject *self, PyObject *arg)
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred())
        return NULL; // expected-warning {{New reference from 'PyList_New' (held in 'list') is leaked [refcheck.ref-leak] [error-path: when 'PyErr_Occurred' reports an exception]}}
    (void)n;
    return list;
}
