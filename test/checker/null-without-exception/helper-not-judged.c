// A static helper that is only ever called directly has no C-API contract:
// returning NULL for "not found" is its own convention, and is not reported.
// Its caller, a method, is judged, and sets the exception.
//
// RUN: refcheck %s --enable=null-without-exception -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
find(PyObject *seq, PyObject *key)
{
    if (PyObject_Length(seq) == 0)
        return NULL;
    return PySequence_GetItem(seq, 0);
}

static PyObject *
first(PyObject *self, PyObject *seq)
{
    PyObject *r = find(seq, Py_None);
    if (r == NULL && !PyErr_Occurred())
        PyErr_SetString(PyExc_KeyError, "empty");
    return r;
}

static PyMethodDef methods[] = {
    {"first", first, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
