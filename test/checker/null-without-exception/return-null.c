// A method returns NULL on a path where nothing set an exception: Python
// raises "SystemError: error return without exception set".
//
// RUN: refcheck %s --enable=null-without-exception --verify-notes -- -Xclang -verify
#include <Python.h>

static PyObject *
check_positive(PyObject *self, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) // expected-note {{Assuming the condition is false}}
        return NULL;
    if (n < 0) // expected-note {{Assuming 'n' is < 0}}
        return NULL; // expected-warning {{Returning NULL without setting an exception: Python raises SystemError ('error return without exception set')}}
    return PyLong_FromLong(n);
}

static PyMethodDef methods[] = {
    {"check_positive", check_positive, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
