// After _PyBytes_Resize succeeds, `b` holds the one reference: a path that
// drops it leaks.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static int
resize_and_forget(Py_ssize_t used)
{
    PyObject *b = PyBytes_FromStringAndSize(NULL, 100);
    if (b == NULL)
        return -1;
    if (_PyBytes_Resize(&b, used) < 0)
        return -1;
    return 0; // expected-warning {{New reference from '_PyBytes_Resize' (held in 'b') is leaked}}
}
