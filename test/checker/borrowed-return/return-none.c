// A method must return a new reference. `return Py_None;` hands out a
// reference the function never took.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
nothing(PyObject *self, PyObject *args)
{
    return Py_None; // expected-warning {{Returning '_Py_NoneStruct' without taking a reference}}
}

static PyObject *
first(PyObject *self, PyObject *list)
{
    return PyList_GetItem(list, 0); // expected-warning {{Returning a borrowed reference from 'PyList_GetItem' where a new reference is owed}}
}

static PyObject *
identity(PyObject *self, PyObject *arg)
{
    return arg; // expected-warning {{Returning a borrowed reference (a parameter) where a new reference is owed}}
}
