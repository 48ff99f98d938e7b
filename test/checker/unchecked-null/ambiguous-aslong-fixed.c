// The fix for ambiguous-aslong.c: the `== -1 && PyErr_Occurred()` check.
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
increment(PyObject *self, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred())
        return NULL;
    return PyLong_FromLong(n + 1);
}

static PyObject *
positive(PyObject *self, PyObject *arg)
{
    /* A range check that excludes -1 from the success path is a check too
       (a failed conversion's TypeError becomes a ValueError). */
    long n = PyLong_AsLong(arg);
    if (n < 0) {
        PyErr_SetString(PyExc_ValueError, "expected a positive int");
        return NULL;
    }
    return PyLong_FromLong(n);
}

static PyMethodDef methods[] = {
    {"increment", increment, METH_O, NULL},
    {"positive", positive, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
