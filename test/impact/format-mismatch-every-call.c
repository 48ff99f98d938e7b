// Impact: every-call. Checks on the code rather than a path
// (format-mismatch, methoddef-mismatch) hold on every call.
//
// RUN: %expect-exit 1 refcheck --format=json %s | FileCheck %s
#include <Python.h>

static PyObject *
f(PyObject *self, PyObject *args)
{
    int n;
    if (!PyArg_ParseTuple(args, "l", &n))
        return NULL;
    return PyLong_FromLong(n);
}

// CHECK: "check": "format-mismatch",
// CHECK: "impact": "every-call",
