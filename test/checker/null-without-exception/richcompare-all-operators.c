// Python calls a tp_richcompare slot with one of Py_LT..Py_GE only, so the
// `default:` of a switch over all six is dead code, and its bare
// `return NULL` is not reported (CPython's arraymodule.c array_richcompare).
//
// RUN: refcheck %s --enable=null-without-exception -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

typedef struct {
    PyObject_HEAD
    long value;
} Num;

static PyObject *
num_richcompare(PyObject *a, PyObject *b, int op)
{
    if (!PyLong_Check(b))
        Py_RETURN_NOTIMPLEMENTED;
    long x = ((Num *)a)->value, y = PyLong_AsLong(b);
    if (y == -1 && PyErr_Occurred())
        return NULL;
    int r;
    switch (op) {
    case Py_LT: r = x < y; break;
    case Py_LE: r = x <= y; break;
    case Py_EQ: r = x == y; break;
    case Py_NE: r = x != y; break;
    case Py_GT: r = x > y; break;
    case Py_GE: r = x >= y; break;
    default: return NULL; /* cannot happen */
    }
    return PyBool_FromLong(r);
}

static PyType_Slot num_slots[] = {
    {Py_tp_richcompare, num_richcompare},
    {0, NULL},
};
