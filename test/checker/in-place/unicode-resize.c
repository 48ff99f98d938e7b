// A failed PyUnicode_Resize leaves the string to the caller: returning
// without releasing it leaks the string PyUnicode_New made.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
make_text(Py_ssize_t used)
{
    PyObject *s = PyUnicode_New(100, 127);
    if (s == NULL)
        return NULL;
    if (PyUnicode_Resize(&s, used) < 0)
        return NULL; // expected-warning {{New reference from 'PyUnicode_New' (held in 's') is leaked}}
    return s;
}
