// The result of PyObject_CallMethod is a new reference. Dropping it on the
// floor leaks the returned object every time the function runs.
//
// RUN: refcheck %s -- -Xclang -verify
// RUN: not refcheck %s | FileCheck %s
#include <Python.h>

static PyObject *
flush(PyObject *self, PyObject *stream)
{
    PyObject_CallMethod(stream, "flush", NULL);
    Py_RETURN_NONE; // expected-warning {{New reference from 'PyObject_CallMethod' is leaked}}
}

// CHECK: ignored-call-result.c:12:5: warning: New reference from 'PyObject_CallMethod' is leaked [refcheck.ref-leak]
// CHECK-NEXT: ignored-call-result.c:11:5: note: New reference returned by 'PyObject_CallMethod'
