// Impact: error-path. The exception stays set only when
// PyObject_SetAttrString fails, so the finding happens on an error path and
// says which call has to fail.
//
// RUN: refcheck %s -- -Xclang -verify
// RUN: %expect-exit 1 refcheck %s | FileCheck %s
// RUN: %expect-exit 1 refcheck --format=json %s | FileCheck %s --check-prefix=JSON
#include <Python.h>

static PyObject *
tag(PyObject *self, PyObject *obj)
{
    if (PyObject_SetAttrString(obj, "tagged", Py_True) < 0) {
        /* "best effort": but the exception is still set */
    }
    Py_RETURN_NONE; // expected-warning {{Returning a result while an exception is set: clear it (PyErr_Clear) or return NULL [refcheck.exception-not-cleared] [error-path: when 'PyObject_SetAttrString' fails]}}
}


static PyMethodDef methods[] = {
    {"tag", tag, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

// CHECK: error-path-failed-call.c:16:5: warning: Returning a result while an exception is set: clear it (PyErr_Clear) or return NULL [refcheck.exception-not-cleared] [error-path: when 'PyObject_SetAttrString' fails]
// JSON: "impact": "error-path",
// JSON-NEXT: "impact_call": "PyObject_SetAttrString",
// JSON-NEXT: "impact_reason": "when 'PyObject_SetAttrString' fails",
