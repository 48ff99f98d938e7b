// The fix for tuple-set-item.c.
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
pair(PyObject *self, PyObject *args)
{
    PyObject *t = PyTuple_New(2);
    if (t == NULL)
        return NULL;
    PyTuple_SET_ITEM(t, 0, Py_NewRef(Py_None));
    PyTuple_SET_ITEM(t, 1, Py_NewRef(Py_None));
    return t;
}
