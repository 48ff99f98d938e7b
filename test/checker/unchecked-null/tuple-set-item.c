// PyTuple_SET_ITEM on the result of PyTuple_New without a NULL check writes
// through a NULL pointer when the allocation fails.
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
#include <Python.h>

static PyObject *
pair(PyObject *self, PyObject *args)
{
    PyObject *t = PyTuple_New(2);
    PyTuple_SET_ITEM(t, 0, Py_NewRef(Py_None)); // expected-warning {{Result of 'PyTuple_New' may be NULL and is passed to 'PyTuple_SET_ITEM' without a NULL check}}
    PyTuple_SET_ITEM(t, 1, Py_NewRef(Py_None));
    return t;
}
