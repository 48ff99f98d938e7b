// PyErr_SetString, then a success value: the exception stays set while
// Python gets a result ("SystemError: ... returned a result with an
// exception set").
//
// RUN: refcheck %s --verify-notes -- -Xclang -verify
#include <Python.h>

static PyObject *
warn_only(PyObject *self, PyObject *arg)
{
    if (!PyUnicode_Check(arg))
        PyErr_SetString(PyExc_TypeError, "expected str"); // expected-note {{'PyErr_SetString' sets an exception}}
    Py_RETURN_NONE; // expected-warning {{Returning a result while an exception is set: clear it (PyErr_Clear) or return NULL}}
}

static PyMethodDef methods[] = {
    {"warn_only", warn_only, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
