// Impact: error-path. A C library's int function (here a libgit2-like
// lookup, found through a system include path) reports failure with a
// negative value, as open() does with -1: a leak on its `< 0` branch
// happens only when it fails. Comparisons are the exception: a negative
// result of vcs_ref_cmp (or strcmp, memcmp, ..._compare) is a value, and
// a leak after it happens on every call.
//
// RUN: refcheck %s -- -isystem %S/Inputs/syslib -Xclang -verify
// RUN: %expect-exit 1 refcheck --format=json %s -- -isystem %S/Inputs/syslib | FileCheck %s
#include <Python.h>
#include <vcslib.h>

static PyObject *
lookup(PyObject *self, PyObject *args)
{
    const char *name;
    vcs_ref *ref;
    if (!PyArg_ParseTuple(args, "s", &name))
        return NULL;
    PyObject *r = PyList_New(0);
    if (r == NULL)
        return NULL;
    if (vcs_ref_lookup(&ref, name) < 0) {
        PyErr_SetString(PyExc_KeyError, name); // expected-warning {{New reference from 'PyList_New' (held in 'r') is leaked [refcheck.ref-leak] [error-path: when 'vcs_ref_lookup' fails]}}
        return NULL;
    }
    return r;
}

static PyObject *
older(PyObject *self, PyObject *args)
{
    vcs_ref *a, *b;
    if (vcs_ref_lookup(&a, "a") < 0 || vcs_ref_lookup(&b, "b") < 0)
        return PyErr_Format(PyExc_KeyError, "no ref");
    PyObject *r = PyList_New(0);
    if (r == NULL)
        return NULL;
    if (vcs_ref_cmp(a, b) < 0)
        return Py_NewRef(Py_True); // expected-warning {{New reference from 'PyList_New' (held in 'r') is leaked [refcheck.ref-leak]}}
    return r;
}

static PyMethodDef methods[] = {
    {"lookup", lookup, METH_VARARGS, NULL},
    {"older", older, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

// CHECK: "impact": "error-path",
// CHECK-NEXT: "impact_call": "vcs_ref_lookup",
// CHECK: "impact": "every-call",
