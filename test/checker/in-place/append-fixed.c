// PyUnicode_Append(&s, right) consumes the reference in `s` and leaves the
// concatenation there, or NULL when it fails (the old string released): a
// NULL check after the call is all the error handling needed. `right` is
// only borrowed.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
// expected-no-diagnostics

static PyObject *
greet(PyObject *name)
{
    PyObject *s = PyUnicode_FromString("hello, ");
    if (s == NULL)
        return NULL;
    PyUnicode_Append(&s, name);
    if (s == NULL)
        return NULL;
    return s;
}
