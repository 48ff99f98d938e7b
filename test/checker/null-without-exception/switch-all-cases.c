// A switch that covers every comparison operator without `default:`: the
// analyzer cannot know `op` is one of them, so the implicit default (where
// `cmp` keeps -1 and NULL is returned without an exception) is not
// reported.
//
// RUN: refcheck %s --enable=null-without-exception -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
always_equal_richcompare(PyObject *a, PyObject *b, int op)
{
    int cmp = -1;
    switch (op) {
    case Py_LT: case Py_GT: case Py_NE: cmp = 0; break;
    case Py_LE: case Py_GE: case Py_EQ: cmp = 1; break;
    }
    if (cmp == 1)
        Py_RETURN_TRUE;
    if (cmp == 0)
        Py_RETURN_FALSE;
    return NULL;
}

static PyTypeObject AlwaysEqual_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "AlwaysEqual",
    .tp_richcompare = always_equal_richcompare,
};
