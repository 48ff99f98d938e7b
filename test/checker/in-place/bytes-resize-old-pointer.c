// A failed _PyBytes_Resize has already released the object: releasing it
// again through a saved copy of the old pointer is an over-release.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
make_buffer(Py_ssize_t used)
{
    PyObject *b = PyBytes_FromStringAndSize(NULL, 100);
    if (b == NULL)
        return NULL;
    PyObject *old = b;
    if (_PyBytes_Resize(&b, used) < 0) {
        Py_DECREF(old); // expected-warning {{Reference released after it was stolen by '_PyBytes_Resize'}}
        return NULL;
    }
    return b;
}
