// PySequence_Fast_GET_ITEM gives a borrowed reference, read from a list's
// or a tuple's items on two arms of one macro. Handing it to a stealing
// call without Py_INCREF is one bug, reported once and named after the
// macro, not once per arm. (The pattern of a buffer test module packing
// the items of a sequence into a tuple.)
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
first_of(PyObject *self, PyObject *seq)
{
    PyObject *fast = PySequence_Fast(seq, "not a sequence");
    if (fast == NULL)
        return NULL;
    if (PySequence_Fast_GET_SIZE(fast) < 1) {
        Py_DECREF(fast);
        Py_RETURN_NONE;
    }
    PyObject *t = PyTuple_New(1);
    if (t == NULL) {
        Py_DECREF(fast);
        return NULL;
    }
    PyObject *item = PySequence_Fast_GET_ITEM(fast, 0);
    PyTuple_SET_ITEM(t, 0, item); // expected-warning {{'PyTuple_SET_ITEM' steals a reference, but this one is borrowed (from 'PySequence_Fast_GET_ITEM'); add Py_INCREF first}}
    Py_DECREF(fast);
    return t;
}

static PyObject *
first_of_fixed(PyObject *self, PyObject *seq)
{
    PyObject *fast = PySequence_Fast(seq, "not a sequence");
    if (fast == NULL)
        return NULL;
    if (PySequence_Fast_GET_SIZE(fast) < 1) {
        Py_DECREF(fast);
        Py_RETURN_NONE;
    }
    PyObject *t = PyTuple_New(1);
    if (t == NULL) {
        Py_DECREF(fast);
        return NULL;
    }
    PyObject *item = PySequence_Fast_GET_ITEM(fast, 0);
    Py_INCREF(item);
    PyTuple_SET_ITEM(t, 0, item);
    Py_DECREF(fast);
    return t;
}
