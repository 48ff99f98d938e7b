// A store followed by Py_INCREF gives the memory its reference
// (store-then-incref.c). That covers one Py_INCREF per store, no more: a
// caller that takes a reference of its own on the result takes it for
// itself. CPython's dict.setdefault() is of this shape: PyDict_SetDefault
// stores the default, takes the dict's reference and returns it borrowed;
// dict_setdefault_impl then returns it with Py_XINCREF. The buggy twin
// returns the borrowed result as if it were new.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *last;
} CacheObject;

/* Stores v, takes the field's reference, returns v borrowed. */
static PyObject *
remember(CacheObject *c, PyObject *v)
{
    Py_XDECREF(c->last);
    c->last = v;
    Py_INCREF(v);
    return v;
}

static PyObject *
cache_put(CacheObject *self, PyObject *v)
{
    PyObject *r = remember(self, v);
    Py_XINCREF(r);
    return r;
}

static PyObject *
cache_put_borrowed(CacheObject *self, PyObject *v)
{
    PyObject *r = remember(self, v);
    return r; // expected-warning {{Returning a borrowed reference (a parameter) where a new reference is owed; add Py_NewRef()}}
}

/* Two stores want two references. */
typedef struct {
    PyObject_HEAD
    PyObject *first;
    PyObject *second;
} PairObject;

static int
pair_init(PairObject *self, PyObject *v)
{
    self->first = v;
    self->second = v;
    Py_INCREF(v);
    Py_INCREF(v);
    return 0;
}
