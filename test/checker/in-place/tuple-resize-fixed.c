// _PyTuple_Resize(&t, n) works like _PyBytes_Resize: failing, it frees the
// tuple and leaves NULL in `t`; succeeding, `t` holds the one reference.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
// expected-no-diagnostics

static PyObject *
first_items(Py_ssize_t n)
{
    PyObject *t = PyTuple_New(10);
    if (t == NULL)
        return NULL;
    if (_PyTuple_Resize(&t, n) != 0)
        return NULL;
    return t;
}
