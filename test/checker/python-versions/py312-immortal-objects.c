// Python 3.12 made None, True, False and small ints immortal: Py_INCREF and
// Py_DECREF are inline functions that skip them, and Py_RETURN_NONE returns
// Py_None without a Py_INCREF. refcheck matches the refcount functions by
// name without looking inside them, accepts Py_RETURN_NONE as correct, and
// still tracks ordinary objects exactly.
//
// RUN: refcheck %s -- -Xclang -verify
#include "Inputs/py312/Python.h"

static PyObject *
return_none(PyObject *self, PyObject *arg)
{
    Py_RETURN_NONE;
}

static PyObject *
leak(PyObject *self, PyObject *arg)
{
    PyObject *r = PyObject_Repr(arg);
    if (r == NULL)
        return NULL;
    Py_RETURN_NONE; // expected-warning {{New reference from 'PyObject_Repr' (held in 'r') is leaked}}
}

static PyObject *
leak_fixed(PyObject *self, PyObject *arg)
{
    PyObject *r = PyObject_Repr(arg);
    if (r == NULL)
        return NULL;
    Py_DECREF(r);
    Py_RETURN_NONE;
}

static PyObject *
over_release(PyObject *self, PyObject *arg)
{
    Py_DECREF(arg); // expected-warning {{Borrowed reference (a parameter) is released; the code does not own it}}
    Py_RETURN_NONE;
}
