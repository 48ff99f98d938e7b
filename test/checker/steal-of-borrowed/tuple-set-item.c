// PyTuple_SET_ITEM steals a reference; a borrowed one must be INCREF'd first,
// or the tuple will release a reference it never had.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
wrap(PyObject *self, PyObject *arg)
{
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    PyTuple_SET_ITEM(t, 0, arg); // expected-warning {{'PyTuple_SET_ITEM' steals a reference, but this one is borrowed (a parameter); add Py_INCREF first}}
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
    PyTuple_SetItem(t, 0, x); // expected-warning {{'PyTuple_SetItem' steals a reference, but this one is borrowed (from 'PyList_GetItem'); add Py_INCREF first}}
    return t;
}
