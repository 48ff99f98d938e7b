// The twin of aslong-overflow-on-int.c: on an object that is not known to
// be an int, PyLong_AsLongAndOverflow calls __index__, which can raise; its
// -1 then comes with an exception, which the function returns success over.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
clamp(PyObject *self, PyObject *arg)
{
    int overflow;
    long v = PyLong_AsLongAndOverflow(arg, &overflow);
    if (overflow)
        v = overflow > 0 ? LONG_MAX : LONG_MIN;
    return PyLong_FromLong(v); // expected-warning {{Result of 'PyLong_AsLongAndOverflow' may be -1 with an exception set, and the function returns success without checking PyErr_Occurred()}}
}

static PyMethodDef methods[] = {
    {"clamp", clamp, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
