// A function that returns a borrowed reference may return an object whose
// reference it handed to a holder that still lives. CPython's
// _PyErr_TrySetFromCause sets a new exception with PyErr_Restore and
// returns it, borrowed from the exception state (its docs say so). The
// twin owes a new reference and returns the same object: the caller would
// release a reference the exception state owns.
//
// RUN: refcheck %s --extra-arg=-I%srcroot/include -- -Xclang -verify
#include <Python.h>
#include "refcheck/annotations.h"

PyObject *set_and_get(PyObject *type, const char *msg) REFCHECK_RETURNS_BORROWED;

PyObject *
set_and_get(PyObject *type, const char *msg)
{
    PyObject *val = PyUnicode_FromString(msg);
    if (val == NULL)
        return NULL;
    Py_INCREF(type);
    PyErr_Restore(type, val, NULL);
    return val;
}

PyObject *
set_and_get_new(PyObject *type, const char *msg)
{
    PyObject *val = PyUnicode_FromString(msg);
    if (val == NULL)
        return NULL;
    Py_INCREF(type);
    PyErr_Restore(type, val, NULL);
    return val; // expected-warning {{Returning an object whose reference was stolen}}
}
