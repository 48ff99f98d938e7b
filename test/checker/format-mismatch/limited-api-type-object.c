// Under Py_LIMITED_API, PyTypeObject is only declared (struct _typeobject
// has no definition), and it is still an object: "O!" takes one with the
// object's address after it, and "O" takes a type as any other object
// (rpm's Python bindings). The buggy twin passes an int where "O!" wants
// the type.
//
// RUN: refcheck %s -- -DPy_LIMITED_API=0x030A0000 -Xclang -verify
#include <Python.h>

static PyTypeObject *Header_Type;

static PyObject *
header_compare(PyObject *self, PyObject *args)
{
    PyObject *a, *b;
    if (!PyArg_ParseTuple(args, "O!O!", Header_Type, &a, Header_Type, &b))
        return NULL;
    return PyLong_FromLong(a == b);
}

static PyObject *
header_reduce(PyObject *self, PyObject *blob)
{
    return Py_BuildValue("O(O)", Py_TYPE(self), blob);
}

static PyObject *
header_find(PyObject *self, PyObject *args)
{
    PyObject *a;
    int kind = 0;
    if (!PyArg_ParseTuple(args, "O!", kind, &a)) // expected-warning {{expects 'PyTypeObject *'}}
        return NULL;
    Py_INCREF(a);
    return a;
}
