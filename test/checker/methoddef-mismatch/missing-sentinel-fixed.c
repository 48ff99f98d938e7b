// The fix for missing-sentinel.c: end the table with {NULL}. An array with
// room for more entries than it initializes ends in zeros too.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
hello(PyObject *self, PyObject *unused)
{
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"hello", hello, METH_NOARGS, NULL},
    {"hello2", hello, METH_NOARGS, NULL},
    {NULL}
};

static PyMethodDef more_methods[3] = {
    {"hello", hello, METH_NOARGS, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "m", NULL, -1, methods,
};
