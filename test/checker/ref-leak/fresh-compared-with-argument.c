// An object the code made on this path cannot be the same object as a
// pointer it had before (a parameter): `kwdict != keywords` is true when
// kwdict is the new dict, so the release under it is no leak
// (CPython's _PyObject_MakeTpCall). The comparison written the wrong way
// round still leaks the new dict, and releases the caller's.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
call_with(PyObject *callable, PyObject *args, PyObject *keywords)
{
    PyObject *kwdict;
    if (keywords == NULL || PyDict_Check(keywords)) {
        kwdict = keywords;
    }
    else {
        kwdict = PyDict_New();
        if (kwdict == NULL)
            return NULL;
    }
    PyObject *result = PyObject_Call(callable, args, kwdict);
    if (kwdict != keywords) {
        Py_DECREF(kwdict);
    }
    return result;
}

static PyObject *
call_with_wrong_test(PyObject *callable, PyObject *args, PyObject *keywords)
{
    PyObject *kwdict;
    if (keywords == NULL || PyDict_Check(keywords)) {
        kwdict = keywords;
    }
    else {
        kwdict = PyDict_New();
        if (kwdict == NULL)
            return NULL;
    }
    PyObject *result = PyObject_Call(callable, args, kwdict);
    if (kwdict == keywords) {
        Py_XDECREF(kwdict); // expected-warning {{Borrowed reference (a parameter) is released; the code does not own it}}
    }
    return result; // expected-warning {{New reference from 'PyDict_New' (held in 'kwdict') is leaked}}
}
