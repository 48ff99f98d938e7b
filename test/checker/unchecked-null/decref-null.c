// Py_DECREF of a result that may be NULL: the call's failure becomes a
// crash. Py_XDECREF, or a check first.
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
#include <Python.h>

static PyObject *
flush(PyObject *self, PyObject *stream)
{
    PyObject *r = PyObject_CallMethod(stream, "flush", NULL);
    Py_DECREF(r); // expected-warning {{Result of 'PyObject_CallMethod' may be NULL and is passed to 'Py_DECREF' without a NULL check}}
    Py_RETURN_NONE;
}
