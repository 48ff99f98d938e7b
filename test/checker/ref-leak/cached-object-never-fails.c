// PyTuple_New(0), PyLong_FromLong(-5..256) and PyUnicode_FromString("")
// hand back CPython's cached objects: they cannot fail, so no path has them
// fail. A NULL test after one is dead code, and what it would leak is not
// reported (psycopg2's `PyTuple_New(0)` in cursor_type.c).
//
// The buggy twin allocates: PyTuple_New(1) can fail, and the list leaks.
//
// RUN: refcheck %s --verify-notes -- -Xclang -verify
#include <Python.h>

static PyObject *
with_empty(PyObject *self, PyObject *unused)
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    PyObject *empty = PyTuple_New(0);
    if (empty == NULL)
        return NULL; /* never taken */
    PyObject *zero = PyLong_FromLong(0);
    if (zero == NULL)
        return NULL; /* never taken */
    if (PyList_Append(list, empty) < 0 || PyList_Append(list, zero) < 0) {
        Py_DECREF(zero);
        Py_DECREF(empty);
        Py_DECREF(list);
        return NULL;
    }
    Py_DECREF(zero);
    Py_DECREF(empty);
    return list;
}

static PyObject *
with_one(PyObject *self, PyObject *unused)
{
    PyObject *list = PyList_New(0); // expected-note {{New reference returned by 'PyList_New'}}
    if (list == NULL) // expected-note {{Assuming 'list' is not equal to NULL}}
        return NULL;
    PyObject *one = PyTuple_New(1);
    if (one == NULL) // expected-note {{Assuming 'one' is equal to NULL}}
        return NULL; // expected-warning {{New reference from 'PyList_New' (held in 'list') is leaked}}
    if (PyList_Append(list, one) < 0) {
        Py_DECREF(one);
        Py_DECREF(list);
        return NULL;
    }
    Py_DECREF(one);
    return list;
}
