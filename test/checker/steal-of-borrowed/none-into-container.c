// Before Python 3.12, Py_None has a reference count. PyTuple_SET_ITEM and
// PyList_SetItem steal a reference to the item, so putting Py_None into a
// container without a Py_INCREF first makes the container release a
// reference to None that nobody took.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
pair_with_none(PyObject *self, PyObject *arg)
{
    PyObject *t = PyTuple_New(2);
    if (t == NULL)
        return NULL;
    Py_INCREF(arg);
    PyTuple_SET_ITEM(t, 0, arg);
    PyTuple_SET_ITEM(t, 1, Py_None); // expected-warning {{'PyTuple_SET_ITEM' steals a reference to 'Py_None', a statically allocated object no reference was taken on; add Py_INCREF first}}
    return t;
}

static PyObject *
clear_slot(PyObject *self, PyObject *list)
{
    if (PyList_SetItem(list, 0, Py_None) < 0) // expected-warning {{'PyList_SetItem' steals a reference to 'Py_None', a statically allocated object no reference was taken on; add Py_INCREF first}}
        return NULL;
    Py_RETURN_NONE;
}
