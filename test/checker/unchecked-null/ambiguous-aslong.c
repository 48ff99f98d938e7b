// PyLong_AsLong returns -1 on failure, but -1 is also a valid result: only
// PyErr_Occurred() tells them apart. Here a failed conversion goes on to a
// successful return, with the conversion's exception still set.
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
#include <Python.h>

static PyObject *
increment(PyObject *self, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    return PyLong_FromLong(n + 1); // expected-warning {{Result of 'PyLong_AsLong' may be -1 with an exception set, and the function returns success without checking PyErr_Occurred()}}
}

static PyMethodDef methods[] = {
    {"increment", increment, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
