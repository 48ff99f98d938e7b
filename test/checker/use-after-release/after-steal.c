// PyTuple_SetItem stole our reference: releasing it again is wrong.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
steal_then_release(PyObject *self, PyObject *args)
{
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    PyObject *v = PyLong_FromLong(1);
    if (v == NULL) {
        Py_DECREF(t);
        return NULL;
    }
    PyTuple_SetItem(t, 0, v);
    Py_DECREF(v); // expected-warning {{Reference released after it was stolen by 'PyTuple_SetItem'}}
    return t;
}
