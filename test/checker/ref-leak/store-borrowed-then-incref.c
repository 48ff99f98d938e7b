// A borrowed reference (here a PyArg_ParseTuple output) stored into an
// object's field and then given a Py_INCREF: the reference belongs to the
// field, not to the function.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *key;
} Zone;

static PyObject *
zone_new(PyTypeObject *type, PyObject *args)
{
    PyObject *key;
    if (!PyArg_ParseTuple(args, "O", &key))
        return NULL;
    Zone *self = (Zone *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    self->key = key;
    Py_INCREF(key);
    return (PyObject *)self;
}
