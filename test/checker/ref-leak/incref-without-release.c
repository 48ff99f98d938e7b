// Py_INCREF takes a reference the function must give back or hand over.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
check(PyObject *self, PyObject *arg)
{
    Py_INCREF(arg);
    if (!PyLong_Check(arg)) {
        // `arg` is not used on this path any more: the reference is lost here.
        PyErr_SetString(PyExc_TypeError, "expected an int"); // expected-warning {{Reference taken with 'Py_INCREF' (held in 'arg') is leaked}}
        return NULL;
    }
    return arg;
}
