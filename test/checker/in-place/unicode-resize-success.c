// After PyUnicode_Resize succeeds, `s` holds the one reference: a path that
// drops it leaks.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static int
resize_and_forget(Py_ssize_t used)
{
    PyObject *s = PyUnicode_New(100, 127);
    if (s == NULL)
        return -1;
    if (PyUnicode_Resize(&s, used) < 0) {
        Py_DECREF(s);
        return -1;
    }
    return 0; // expected-warning {{New reference from 'PyUnicode_Resize' (held in 's') is leaked}}
}
