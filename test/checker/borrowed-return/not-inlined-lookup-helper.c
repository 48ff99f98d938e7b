// A function of this file that looks an object up in storage it keeps (a
// global list, a table, a field) and returns it without taking a reference
// returns a borrowed reference, whatever the C-API convention says of
// functions returning PyObject*. When the analyzer does not inline it (here
// it is variadic; in _curses_panel.c find_po walks a list in a loop), its
// callers that take their own reference before returning the object are
// right, and those that do not are reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct node {
    struct node *next;
    long key;
    PyObject *obj;
} node;

static node *registry;

static PyObject *
find_obj(long key, ...)
{
    node *n;
    for (n = registry; n != NULL; n = n->next)
        if (n->key == key)
            return n->obj;
    return NULL;
}

PyObject *
lookup(PyObject *self, PyObject *arg)
{
    PyObject *o = find_obj(PyLong_AsLong(arg));
    if (o == NULL) {
        PyErr_SetString(PyExc_KeyError, "not registered");
        return NULL;
    }
    Py_INCREF(o);
    return o;
}

PyObject *
lookup_no_ref(PyObject *self, PyObject *arg)
{
    PyObject *o = find_obj(PyLong_AsLong(arg));
    if (o == NULL) {
        PyErr_SetString(PyExc_KeyError, "not registered");
        return NULL;
    }
    return o; // expected-warning {{Returning a borrowed reference from 'find_obj' where a new reference is owed}}
}
