// The fix for ignored-call-result.c: keep the result, check it, release it.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
flush(PyObject *self, PyObject *stream)
{
    PyObject *res = PyObject_CallMethod(stream, "flush", NULL);
    if (res == NULL)
        return NULL;
    Py_DECREF(res);
    Py_RETURN_NONE;
}
