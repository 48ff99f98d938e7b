// The twin of compared-with-singleton.c: an object found *not* equal to a
// singleton may still be NULL, and releasing it unchecked crashes when the
// call failed.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
add_or_none(PyObject *self, PyObject *args)
{
    PyObject *a, *b;
    if (!PyArg_ParseTuple(args, "OO", &a, &b))
        return NULL;
    PyObject *r = PyNumber_Add(a, b);
    if (r != Py_NotImplemented) {
        Py_DECREF(r); // expected-warning {{Result of 'PyNumber_Add' may be NULL and is passed to 'Py_DECREF' without a NULL check}}
        Py_RETURN_NONE;
    }
    return r;
}

static PyMethodDef methods[] = {
    {"add_or_none", add_or_none, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
