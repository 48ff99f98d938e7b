// PyUnicode_Resize differs from _PyBytes_Resize: in CPython 3.11, when it
// fails the string is left untouched in `s`, and is still the caller's to
// release. When it succeeds, `s` holds the one reference.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
// expected-no-diagnostics

static PyObject *
make_text(Py_ssize_t used)
{
    PyObject *s = PyUnicode_New(100, 127);
    if (s == NULL)
        return NULL;
    if (PyUnicode_Resize(&s, used) < 0) {
        Py_DECREF(s);
        return NULL;
    }
    return s;
}
