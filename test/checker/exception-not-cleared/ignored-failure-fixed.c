// The fix for ignored-failure.c: a best-effort call clears the exception it
// may have raised.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
tag(PyObject *self, PyObject *obj)
{
    if (PyObject_SetAttrString(obj, "tagged", Py_True) < 0)
        PyErr_Clear();
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"tag", tag, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
