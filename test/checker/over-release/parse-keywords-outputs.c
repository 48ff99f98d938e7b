// PyArg_ParseTupleAndKeywords: the object outputs come after the keyword
// list, and they are borrowed like PyArg_ParseTuple's.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
f(PyObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"a", "b", NULL};
    PyObject *a, *b = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O:f", kwlist, &a, &b))
        return NULL;
    Py_XDECREF(b); // expected-warning {{Borrowed reference from 'PyArg_ParseTupleAndKeywords' is released; the code does not own it}}
    Py_RETURN_NONE;
}
