// Assigning a second new reference to a variable that still owns the first
// loses the first.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
twice(PyObject *self, PyObject *args)
{
    PyObject *s = PyUnicode_FromString("first");
    if (s == NULL)
        return NULL;
    s = PyUnicode_FromString("second");
    return s; // expected-warning {{New reference from 'PyUnicode_FromString' (held in 's') is leaked}}
}
