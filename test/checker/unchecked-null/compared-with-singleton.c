// An object found equal to a singleton (`r == Py_NotImplemented`, None,
// True...) is not NULL: when a binary operation did not return
// NotImplemented, its result (NULL included) is returned, so the
// Py_DECREF on the other branch releases a non-NULL r (CPython's
// typeobject.c SLOT1BINFULL).
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
add_either(PyObject *self, PyObject *args)
{
    PyObject *a, *b;
    if (!PyArg_ParseTuple(args, "OO", &a, &b))
        return NULL;
    PyObject *r = PyNumber_Add(a, b);
    if (r != Py_NotImplemented)
        return r;
    Py_DECREF(r);
    return PyNumber_Add(b, a);
}

static PyMethodDef methods[] = {
    {"add_either", add_either, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
