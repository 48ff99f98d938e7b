// The fix for goto-error.c: Py_XDECREF every variable in the cleanup block;
// it accepts NULL, so every path through the block is right.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
concat(PyObject *self, PyObject *args)
{
    PyObject *a = NULL, *b = NULL, *res = NULL;
    a = PyUnicode_FromString("a");
    if (a == NULL)
        goto error;
    b = PyUnicode_FromString("b");
    if (b == NULL)
        goto error;
    res = PyUnicode_Concat(a, b);
error:
    Py_XDECREF(a);
    Py_XDECREF(b);
    return res;
}
