// PyUnicode_Append consumes the reference in `s`: releasing the string again
// through a saved copy of the old pointer is an over-release.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
greet(PyObject *name)
{
    PyObject *s = PyUnicode_FromString("hello, ");
    if (s == NULL)
        return NULL;
    PyObject *prefix = s;
    PyUnicode_Append(&s, name);
    Py_DECREF(prefix); // expected-warning {{Reference released after it was stolen by 'PyUnicode_Append'}}
    return s;
}
