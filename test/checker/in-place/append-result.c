// The result PyUnicode_Append leaves in `s` is a new reference: a path that
// drops it leaks.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static int
greet_length(PyObject *name)
{
    PyObject *s = PyUnicode_FromString("hello, ");
    if (s == NULL)
        return -1;
    PyUnicode_Append(&s, name);
    if (s == NULL)
        return -1;
    return (int)PyUnicode_GET_LENGTH(s); // expected-warning {{New reference from 'PyUnicode_Append' (held in 's') is leaked}}
}
