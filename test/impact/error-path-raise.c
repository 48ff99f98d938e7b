// Impact: error-path. A call that always raises (PyErr_SetString) is an
// error branch: the finding happens only when the argument is wrong.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
warn_only(PyObject *self, PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "expected str");
        Py_RETURN_NONE; // expected-warning {{[refcheck.exception-not-cleared] [error-path: on the error branch that calls 'PyErr_SetString']}}
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"warn_only", warn_only, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
