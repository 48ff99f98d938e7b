// Impact: every-call. NULL from PyDict_GetItem means "absent", not a failure:
// returning it without an exception happens whenever the key is missing,
// so the finding has no impact suffix.
//
// RUN: %expect-exit 1 refcheck --enable=null-without-exception %s | FileCheck %s
// RUN: %expect-exit 1 refcheck --enable=null-without-exception --format=json %s | FileCheck %s --check-prefix=JSON
#include <Python.h>

static PyObject *
lookup(PyObject *self, PyObject *key)
{
    PyObject *d = PyEval_GetBuiltins();
    PyObject *v = PyDict_GetItem(d, key);
    if (v == NULL)
        return NULL;
    Py_INCREF(v);
    return v;
}


static PyMethodDef methods[] = {
    {"lookup", lookup, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

// CHECK: every-call-lookup-miss.c:15:9: warning: Returning NULL without setting an exception: Python raises SystemError ('error return without exception set') [refcheck.null-without-exception]{{$}}
// JSON: "impact": "every-call",
// JSON-NEXT: "impact_call": "",
// JSON-NEXT: "impact_reason": "",
