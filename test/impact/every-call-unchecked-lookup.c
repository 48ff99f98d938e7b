// Impact: every-call. An unchecked lookup crashes whenever the key is
// absent, which the caller's data decides, not a failure (cbor2's
// `loads()` did `Py_INCREF(PyDict_GetItem(kwargs, ...))` and crashed when
// the keyword was left out). The unchecked-null finding has no impact
// suffix; see every-call-lookup-miss.c for the same rule on a returned
// NULL.
//
// The same lookup after a call that may fail (the path shown passes its
// success) is every-call too; PyDict_GetItemWithError's NULL is "absent"
// unless an exception is set. The twin, an unchecked result of a call
// that fails, is error-path (error-path-unchecked.c).
//
// RUN: %expect-exit 1 refcheck %s | FileCheck %s
#include <Python.h>

static PyObject *
keyword_or_fail(PyObject *self, PyObject *kwargs)
{
    PyObject *v = PyDict_GetItemString(kwargs, "s");
    Py_INCREF(v);
    return v;
}

static PyObject *
keyword_of_attribute(PyObject *self, PyObject *obj)
{
    PyObject *kwargs = PyObject_GetAttrString(obj, "kwargs");
    if (kwargs == NULL)
        return NULL;
    PyObject *v = PyDict_GetItemWithError(kwargs, Py_None);
    Py_INCREF(v);
    Py_DECREF(kwargs);
    return v;
}

static PyMethodDef methods[] = {
    {"keyword_or_fail", keyword_or_fail, METH_O, NULL},
    {"keyword_of_attribute", keyword_of_attribute, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

// CHECK: every-call-unchecked-lookup.c:20:5: warning: Result of 'PyDict_GetItemString' may be NULL and is passed to 'Py_INCREF' without a NULL check [refcheck.unchecked-null]{{$}}
// CHECK: every-call-unchecked-lookup.c:31:5: warning: Result of 'PyDict_GetItemWithError' may be NULL and is passed to 'Py_INCREF' without a NULL check [refcheck.unchecked-null]{{$}}
