// The fix for return-null.c: set an exception before returning NULL.
//
// RUN: refcheck %s --enable=null-without-exception -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
check_positive(PyObject *self, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred())
        return NULL;
    if (n < 0) {
        PyErr_SetString(PyExc_ValueError, "n must be positive");
        return NULL;
    }
    return PyLong_FromLong(n);
}

static PyMethodDef methods[] = {
    {"check_positive", check_positive, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
