// Impact: allocation-failure. `a` leaks only when the second
// PyLong_FromLong fails, which happens only when memory runs out.
//
// RUN: refcheck %s -- -Xclang -verify
// RUN: %expect-exit 1 refcheck --format=sarif %s | FileCheck %s --check-prefix=SARIF
// RUN: %expect-exit 1 refcheck --format=github %s | FileCheck %s --check-prefix=GITHUB
#include <Python.h>

static PyObject *
pair(PyObject *self, PyObject *args)
{
    PyObject *a = PyLong_FromLong(1);
    if (a == NULL)
        return NULL;
    PyObject *b = PyLong_FromLong(1000);
    if (b == NULL)
        return NULL; // expected-warning {{New reference from 'PyLong_FromLong' (held in 'a') is leaked [refcheck.ref-leak] [allocation-failure: when 'PyLong_FromLong' fails]}}
    PyObject *t = PyTuple_Pack(2, a, b);
    Py_DECREF(a);
    Py_DECREF(b);
    return t;
}

// SARIF:      "level": "note",
// SARIF-NEXT: "locations": [
// SARIF:      "message": {
// SARIF-NEXT:   "text": "New reference from 'PyLong_FromLong' (held in 'a') is leaked (when 'PyLong_FromLong' fails)"
// SARIF:      "impact": "allocation-failure",
// SARIF-NEXT: "impactCall": "PyLong_FromLong",
// SARIF:      "rank": 10,
// GITHUB: ::notice file={{.*}}allocation-failure-leak.c,line=17,col=16,title=refcheck ref-leak::New reference from 'PyLong_FromLong' (held in 'a') is leaked (allocation-failure: when 'PyLong_FromLong' fails)
