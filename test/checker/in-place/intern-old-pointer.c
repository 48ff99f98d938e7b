// PyUnicode_InternInPlace consumes the reference in `s` when it swaps in the
// interned string: releasing the original through a saved copy of the
// pointer is an over-release.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
interned(const char *text)
{
    PyObject *s = PyUnicode_FromString(text);
    if (s == NULL)
        return NULL;
    PyObject *original = s;
    PyUnicode_InternInPlace(&s);
    Py_DECREF(original); // expected-warning {{Reference released after it was stolen by 'PyUnicode_InternInPlace'}}
    return s;
}
