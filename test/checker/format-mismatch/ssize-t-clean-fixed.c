// The fix for ssize-t-clean.c: PY_SSIZE_T_CLEAN and a Py_ssize_t length.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
length(PyObject *self, PyObject *args)
{
    const char *s;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "s#", &s, &n))
        return NULL;
    return PyLong_FromSsize_t(n);
}
