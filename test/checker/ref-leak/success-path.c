// A temporary created on the success path is never released.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
describe(PyObject *self, PyObject *obj)
{
    PyObject *r = PyObject_Repr(obj);
    if (r == NULL)
        return NULL;
    // Reported after the last use of `r`, where the reference is lost.
    Py_ssize_t n = PyUnicode_GetLength(r); // expected-warning {{New reference from 'PyObject_Repr' (held in 'r') is leaked}}
    return PyLong_FromSsize_t(n);
}
