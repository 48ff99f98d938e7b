// Impact: error-path. PySys_Audit returns -1 with an exception set when an
// audit hook raises; a leak on that branch happens only then (CPython's
// code_replace_impl in 3.11 leaks the code bytes there).
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
replace(PyObject *self, PyObject *code)
{
    PyObject *bytes = PyObject_GetAttrString(code, "co_code");
    if (bytes == NULL)
        return NULL;
    if (PySys_Audit("code.__new__", "O", bytes) < 0) {
        return NULL; // expected-warning {{New reference from 'PyObject_GetAttrString' (held in 'bytes') is leaked [refcheck.ref-leak] [error-path: when 'PySys_Audit' fails]}}
    }
    return bytes;
}

static PyMethodDef methods[] = {
    {"replace", replace, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
