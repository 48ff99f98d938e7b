// The fix for set-then-return-none.c: return NULL once the exception is set.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
warn_only(PyObject *self, PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "expected str");
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"warn_only", warn_only, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
