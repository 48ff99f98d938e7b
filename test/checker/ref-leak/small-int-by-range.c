// PyLong_FromLong and its siblings hand back CPython's cached small ints
// (-5..256) without allocating, so they cannot fail when the path has
// already kept the value within that range (cbor2's CBORSimpleValue_new
// checks `val <= 255` and then converts it). What a NULL test after the
// conversion would leak is not reported.
//
// The buggy twin converts a value the path bounds only above 1000: it may
// allocate, may fail, and the list leaks.
//
// RUN: refcheck %s --verify-notes -- -Xclang -verify
#include <Python.h>

static PyObject *
checked_byte(PyObject *self, PyObject *arg)
{
    Py_ssize_t val = PyLong_AsSsize_t(arg);
    if (val == -1 && PyErr_Occurred())
        return NULL;
    if (val < 0 || val > 255) {
        PyErr_SetString(PyExc_ValueError, "not a byte");
        return NULL;
    }
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    PyObject *item = PyLong_FromSsize_t(val);
    if (item == NULL)
        return NULL; /* never taken: a cached small int */
    if (PyList_Append(list, item) < 0) {
        Py_DECREF(item);
        Py_DECREF(list);
        return NULL;
    }
    Py_DECREF(item);
    return list;
}

static PyObject *
checked_thousand(PyObject *self, PyObject *arg)
{
    Py_ssize_t val = PyLong_AsSsize_t(arg);
    if (val == -1 && PyErr_Occurred()) // expected-note {{Assuming the condition is false}}
        return NULL;
    if (val < 0 || val > 1000) { // expected-note {{Assuming 'val' is >= 0}}
                                 // expected-note@-1 {{Assuming 'val' is <= 1000}}
        PyErr_SetString(PyExc_ValueError, "out of range");
        return NULL;
    }
    PyObject *list = PyList_New(0); // expected-note {{New reference returned by 'PyList_New'}}
    if (list == NULL) // expected-note {{Assuming 'list' is not equal to NULL}}
        return NULL;
    PyObject *item = PyLong_FromSsize_t(val);
    if (item == NULL) // expected-note {{Assuming 'item' is equal to NULL}}
        return NULL; // expected-warning {{New reference from 'PyList_New' (held in 'list') is leaked}}
    if (PyList_Append(list, item) < 0) {
        Py_DECREF(item);
        Py_DECREF(list);
        return NULL;
    }
    Py_DECREF(item);
    return list;
}

static PyMethodDef methods[] = {
    {"checked_byte", checked_byte, METH_O, NULL},
    {"checked_thousand", checked_thousand, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
