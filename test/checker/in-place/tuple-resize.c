// After _PyTuple_Resize succeeds, `t` holds the one reference: returning
// without releasing it leaks.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static int
count_first_items(Py_ssize_t n)
{
    PyObject *t = PyTuple_New(10);
    if (t == NULL)
        return -1;
    if (_PyTuple_Resize(&t, n) != 0)
        return -1;
    return (int)PyTuple_GET_SIZE(t); // expected-warning {{New reference from '_PyTuple_Resize' (held in 't') is leaked}}
}
