// Impact: error-path. init_constants() is the project's own (its body is
// in another file, and nothing says how it fails). By the C-API convention
// its negative result is its failure, so the module leaks only when it
// fails: python-ldap's PyInit__ldap and LDAPinit_constants.
//
// A library function outside Python is different: strcmp's negative result
// is a value, and the leak after it happens on every call.
//
// RUN: refcheck %s -- -Xclang -verify
// RUN: %expect-exit 1 refcheck --format=json %s | FileCheck %s
#include <Python.h>
#include <string.h>

int init_constants(PyObject *m);

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "mod", NULL, -1, NULL};

PyMODINIT_FUNC
PyInit_mod(void)
{
    PyObject *m = PyModule_Create(&def);
    if (m == NULL)
        return NULL;
    if (init_constants(m) == -1)
        return NULL; // expected-warning {{New reference from 'PyModule_Create2' (held in 'm') is leaked [refcheck.ref-leak] [error-path: when 'init_constants' fails]}}
    return m;
}

static PyObject *
ordered(PyObject *self, PyObject *args)
{
    const char *a, *b;
    if (!PyArg_ParseTuple(args, "ss", &a, &b))
        return NULL;
    PyObject *r = PyList_New(0);
    if (r == NULL)
        return NULL;
    if (strcmp(a, b) < 0)
        return Py_NewRef(Py_True); // expected-warning {{New reference from 'PyList_New' (held in 'r') is leaked [refcheck.ref-leak]}}
    return r;
}

static PyMethodDef methods[] = {
    {"ordered", ordered, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

// CHECK: "impact": "error-path",
// CHECK-NEXT: "impact_call": "init_constants",
// CHECK: "impact": "every-call",
