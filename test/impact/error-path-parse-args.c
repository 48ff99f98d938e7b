// Impact: error-path. `list` leaks only when PyArg_ParseTuple fails (the
// caller passed bad arguments), and the suffix names that call.
//
// RUN: refcheck %s -- -Xclang -verify
// RUN: %expect-exit 1 refcheck --format=json %s | FileCheck %s
#include <Python.h>

static PyObject *
fill(PyObject *self, PyObject *args)
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    int n;
    if (!PyArg_ParseTuple(args, "i", &n))
        return NULL; // expected-warning {{New reference from 'PyList_New' (held in 'list') is leaked [refcheck.ref-leak] [error-path: when 'PyArg_ParseTuple' fails]}}
    return list;
}

// CHECK: "impact": "error-path",
// CHECK-NEXT: "impact_call": "PyArg_ParseTuple",
// CHECK-NEXT: "impact_reason": "when 'PyArg_ParseTuple' fails",
