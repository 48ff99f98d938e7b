// The fix for buildvalue.c.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
describe(PyObject *self, PyObject *args)
{
    long count = 3;
    return Py_BuildValue("(lNO)", count, PyUnicode_FromString("x"), Py_None);
}
