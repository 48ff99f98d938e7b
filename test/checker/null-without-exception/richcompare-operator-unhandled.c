// The twin of richcompare-all-operators.c: a comparison that handles only
// some operators must return Py_NotImplemented for the others. Returning
// NULL for Py_LT without an exception makes Python raise SystemError.
//
// RUN: refcheck %s --enable=null-without-exception -- -Xclang -verify
#include <Python.h>

static PyObject *
tag_richcompare(PyObject *a, PyObject *b, int op)
{
    switch (op) {
    case Py_EQ: return PyBool_FromLong(a == b);
    case Py_NE: return PyBool_FromLong(a != b);
    default: return NULL; // expected-warning {{Returning NULL without setting an exception: Python raises SystemError ('error return without exception set')}}
    }
}

static PyType_Slot tag_slots[] = {
    {Py_tp_richcompare, tag_richcompare},
    {0, NULL},
};
