// The fix for error-path.c: release what was acquired before bailing out.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
pair(PyObject *self, PyObject *args)
{
    PyObject *a = PyLong_FromLong(1);
    if (a == NULL)
        return NULL;
    PyObject *b = PyLong_FromLong(2);
    if (b == NULL) {
        Py_DECREF(a);
        return NULL;
    }
    PyObject *t = PyTuple_Pack(2, a, b);
    Py_DECREF(a);
    Py_DECREF(b);
    return t;
}
