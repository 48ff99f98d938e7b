// A static helper returns a new reference; the caller drops it. The helper is
// analyzed in the caller's context, so the leak is reported in the caller
// with a note inside the helper.
//
// RUN: refcheck %s -- -Xclang -verify
// RUN: not refcheck %s | FileCheck %s
#include <Python.h>

static PyObject *
make_key(long n)
{
    return PyLong_FromLong(n);
}

static PyObject *
lookup(PyObject *self, PyObject *dict)
{
    PyObject *key = make_key(7);
    if (key == NULL)
        return NULL;
    PyObject *v = PyDict_GetItemWithError(dict, key);
    if (v == NULL)
        return NULL; // expected-warning {{New reference from 'PyLong_FromLong' (held in 'key') is leaked}}
    Py_DECREF(key);
    return Py_NewRef(v);
}

// CHECK: static-helper.c:23:16: warning: New reference from 'PyLong_FromLong' (held in 'key') is leaked [refcheck.ref-leak]
// CHECK: note: Calling 'make_key'
// CHECK: static-helper.c:12:12: note: New reference returned by 'PyLong_FromLong'
// CHECK: note: Returning from 'make_key'
