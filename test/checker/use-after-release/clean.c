// Use the object first, release it last.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
use_then_release(PyObject *self, PyObject *args)
{
    PyObject *s = PyUnicode_FromString("x");
    if (s == NULL)
        return NULL;
    PyObject *r = PyObject_Repr(s);
    Py_DECREF(s);
    return r;
}
