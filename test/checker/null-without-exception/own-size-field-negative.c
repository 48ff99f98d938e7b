// The twin of object-size-never-negative.c: a count the extension keeps in
// its own struct may be negative as far as refcheck knows, and returning
// NULL for it without an exception is reported.
//
// RUN: refcheck %s --enable=null-without-exception -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    Py_ssize_t count;
} Counter;

static PyObject *
count(PyObject *self, PyObject *unused)
{
    if (((Counter *)self)->count < 0)
        return NULL; // expected-warning {{Returning NULL without setting an exception: Python raises SystemError ('error return without exception set')}}
    return PyLong_FromSsize_t(((Counter *)self)->count);
}

static PyMethodDef methods[] = {
    {"count", count, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
