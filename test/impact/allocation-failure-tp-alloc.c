// Impact: allocation-failure. A type's tp_alloc slot, called through its
// pointer, fails only when memory runs out.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *items;
} Bag;

static PyObject *
Bag_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    PyObject *items = PyList_New(0);
    if (items == NULL)
        return NULL;
    Bag *self = (Bag *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL; // expected-warning {{New reference from 'PyList_New' (held in 'items') is leaked [refcheck.ref-leak] [allocation-failure: when 'tp_alloc' fails]}}
    self->items = items;
    return (PyObject *)self;
}
