// A helper whose declaration says it steals its argument
// (REFCHECK_STEALS_ARG) and which the project's .refcheck.yaml describes
// the same way: it takes one reference per call, not one for each source.
//
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/use.c
// RUN: printf 'annotations:\n  - function: stash_bytes\n    steals-arg: 1\n' > %t/.refcheck.yaml
// RUN: cd %t && refcheck use.c --extra-arg=-I%srcroot/include -- -Xclang -verify
#include <Python.h>
#include "refcheck/annotations.h"

PyObject *stash_bytes(PyObject *obj) REFCHECK_STEALS_ARG(1);

/* Correct: one reference for stash_bytes, one kept and released here. */
PyObject *keep_one(PyObject *o) {
    PyObject *name = PyObject_GetAttrString(o, "name");
    PyObject *res;
    if (name == NULL)
        return NULL;
    Py_INCREF(name);
    res = stash_bytes(name);
    Py_DECREF(name);
    return res;
}

/* Wrong: stash_bytes took the only reference. */
PyObject *keep_none(PyObject *o) {
    PyObject *name = PyObject_GetAttrString(o, "name");
    PyObject *res;
    if (name == NULL)
        return NULL;
    res = stash_bytes(name);
    Py_DECREF(name); // expected-warning {{Reference released after it was stolen by 'stash_bytes'}}
    return res;
}
