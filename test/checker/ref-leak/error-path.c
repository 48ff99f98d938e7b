// The first object is released on the success path but forgotten when the
// second allocation fails.
//
// RUN: refcheck %s --verify-notes -- -Xclang -verify
#include <Python.h>

static PyObject *
pair(PyObject *self, PyObject *args)
{
    PyObject *a = PyLong_FromLong(1000); // expected-note {{New reference returned by 'PyLong_FromLong'}}
    if (a == NULL) // expected-note {{Assuming 'a' is not equal to NULL}}
        return NULL;
    PyObject *b = PyLong_FromLong(2000);
    if (b == NULL) // expected-note {{Assuming 'b' is equal to NULL}}
        return NULL; // expected-warning {{New reference from 'PyLong_FromLong' (held in 'a') is leaked}}
    PyObject *t = PyTuple_Pack(2, a, b);
    Py_DECREF(a);
    Py_DECREF(b);
    return t;
}
