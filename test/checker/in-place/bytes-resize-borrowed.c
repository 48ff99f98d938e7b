// _PyBytes_Resize consumes the reference in the variable it is given: a
// borrowed parameter resized in place loses the caller's reference.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
resize_borrowed(PyObject *b, Py_ssize_t n)
{
    if (_PyBytes_Resize(&b, n) == 0) // expected-warning {{'_PyBytes_Resize' steals a reference, but this one is borrowed (a parameter); add Py_INCREF first}}
        return b;
    return NULL;
}
