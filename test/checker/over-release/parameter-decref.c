// A method's arguments are borrowed from the caller.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
consume(PyObject *self, PyObject *arg)
{
    Py_DECREF(arg); // expected-warning {{Borrowed reference (a parameter) is released; the code does not own it}}
    Py_RETURN_NONE;
}
