// `PyTuple_SET_ITEM(t, i, v); Py_INCREF(v);`: the reference the container
// takes over is the one taken by the very next statement (apsw's
// `PyTuple_SET_ITEM(args, 1, self->dependents); Py_INCREF(self->dependents);`).
// A steal with no Py_INCREF right after it, or one of another object, is
// still a steal of a borrowed reference.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *dependents;
} ConnectionObject;

static PyObject *
pack_argument(PyObject *self, PyObject *o)
{
    PyObject *t = PyTuple_New(1);
    if (!t)
        return NULL;
    PyTuple_SET_ITEM(t, 0, o);
    Py_INCREF(o);
    return t;
}

static PyObject *
raise_with_dependents(ConnectionObject *self, PyObject *unused)
{
    PyObject *t = PyTuple_New(1);
    if (!t)
        return NULL;
    PyTuple_SET_ITEM(t, 0, self->dependents);
    Py_INCREF(self->dependents);
    PyErr_SetObject(PyExc_ValueError, t);
    Py_DECREF(t);
    return NULL;
}

static PyObject *
pack_borrowed(PyObject *self, PyObject *o)
{
    PyObject *t = PyTuple_New(1);
    if (!t)
        return NULL;
    PyTuple_SET_ITEM(t, 0, o); // expected-warning {{'PyTuple_SET_ITEM' steals a reference, but this one is borrowed (a parameter); add Py_INCREF first [refcheck.steal-of-borrowed]}}
    return t;
}

static PyObject *
pack_then_take_self(PyObject *self, PyObject *o)
{
    PyObject *t = PyTuple_New(1);
    if (!t)
        return NULL;
    PyTuple_SET_ITEM(t, 0, o); // expected-warning {{'PyTuple_SET_ITEM' steals a reference, but this one is borrowed (a parameter); add Py_INCREF first [refcheck.steal-of-borrowed]}}
    Py_INCREF(self);
    return t; // expected-warning {{Reference taken with 'Py_INCREF' (held in 'self') is leaked [refcheck.ref-leak]}}
}
