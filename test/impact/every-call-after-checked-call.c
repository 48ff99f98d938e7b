// Impact: every-call. A call whose result is checked is not a failure on
// the path that goes on with it: here PyObject_GetAttrString succeeded, and
// the leak of the flush result happens on that (every-call) path.
//
// RUN: refcheck %s -- -Xclang -verify
// RUN: %expect-exit 1 refcheck %s | FileCheck %s
#include <Python.h>

static PyObject *
flush_named(PyObject *self, PyObject *obj)
{
    PyObject *name = PyObject_GetAttrString(obj, "__name__");
    if (name == NULL)
        return NULL;
    PyObject_CallMethod(obj, "flush", NULL);
    Py_DECREF(name); // expected-warning {{New reference from 'PyObject_CallMethod' is leaked [refcheck.ref-leak]}}
    Py_RETURN_NONE;
}

// CHECK: warning: New reference from 'PyObject_CallMethod' is leaked [refcheck.ref-leak]{{$}}
