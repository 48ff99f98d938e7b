// The fix for none-into-container.c: a Py_INCREF (or Py_NewRef) for each
// reference to Py_None a container steals.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
pair_with_none(PyObject *self, PyObject *arg)
{
    PyObject *t = PyTuple_New(2);
    if (t == NULL)
        return NULL;
    Py_INCREF(arg);
    PyTuple_SET_ITEM(t, 0, arg);
    Py_INCREF(Py_None);
    PyTuple_SET_ITEM(t, 1, Py_None);
    return t;
}

static PyObject *
clear_slot(PyObject *self, PyObject *list)
{
    if (PyList_SetItem(list, 0, Py_NewRef(Py_None)) < 0)
        return NULL;
    Py_RETURN_NONE;
}
