// Impact: every-call. The result of PyObject_CallMethod is leaked whenever
// the function runs: no failure is assumed, and the text has no suffix.
//
// RUN: %expect-exit 1 refcheck %s | FileCheck %s
// RUN: %expect-exit 1 refcheck --format=json %s | FileCheck %s --check-prefix=JSON
#include <Python.h>

static PyObject *
flush_stream(PyObject *self, PyObject *stream)
{
    PyObject_CallMethod(stream, "flush", NULL);
    Py_RETURN_NONE;
}

// CHECK: every-call-leak.c:12:5: warning: New reference from 'PyObject_CallMethod' is leaked [refcheck.ref-leak]{{$}}
// JSON: "impact": "every-call",
