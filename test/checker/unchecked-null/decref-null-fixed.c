// The fix for decref-null.c: propagate the failure, release on success.
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
flush(PyObject *self, PyObject *stream)
{
    PyObject *r = PyObject_CallMethod(stream, "flush", NULL);
    if (r == NULL)
        return NULL;
    Py_DECREF(r);
    Py_RETURN_NONE;
}
