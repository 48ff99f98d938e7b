// Without the {NULL} sentinel, Python walks past the end of the table.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
hello(PyObject *self, PyObject *unused)
{
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"hello", hello, METH_NOARGS, NULL},
    {"hello2", hello, METH_NOARGS, NULL}, // expected-warning {{PyMethodDef table 'methods' does not end with a {NULL} sentinel: Python reads past its end}}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "m", NULL, -1, methods,
};
