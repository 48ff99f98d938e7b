// An output argument cast to another pointer type still points to the
// variable: `(PyObject *) &a`, with `bitarrayobject *a`, receives the object
// of an "O!" code (bitarray's _util.c). Only the address matters to the
// parser. A cast that hides a variable of the wrong type is still reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    Py_ssize_t nbits;
} bitarrayobject;

static PyTypeObject *bitarray_type;

static PyObject *
count_n(PyObject *module, PyObject *args)
{
    bitarrayobject *a;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "O!n", bitarray_type, (PyObject *) &a, &n))
        return NULL;
    return PyLong_FromSsize_t(a->nbits + n);
}

static PyObject *
count_int(PyObject *module, PyObject *args)
{
    int a;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "O!n", bitarray_type, (PyObject *) &a, &n)) // expected-warning {{Format code 'O!' of 'PyArg_ParseTuple' expects 'PyObject **' but argument 4 is 'PyObject *'}}
        return NULL;
    return PyLong_FromSsize_t(a + n);
}
