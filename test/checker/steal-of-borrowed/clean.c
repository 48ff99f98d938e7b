// The corrected twins: INCREF a borrowed reference before it is stolen.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
wrap(PyObject *self, PyObject *arg)
{
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    Py_INCREF(arg);
    PyTuple_SET_ITEM(t, 0, arg);
    return t;
}

static PyObject *
wrap_item(PyObject *self, PyObject *list)
{
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    PyObject *x = PyList_GetItem(list, 0);
    if (x == NULL) {
        Py_DECREF(t);
        return NULL;
    }
    PyTuple_SetItem(t, 0, Py_NewRef(x));
    return t;
}
