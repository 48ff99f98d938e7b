// An atomic store (CPython's _Py_atomic_store, here the builtin it expands
// to) hands the reference to the memory stored into, like a plain store.
// A reference nobody stores is still a leak.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *handlers[8];

static void
set_handler(int i, PyObject *func)
{
    __atomic_store_n(&handlers[i], func, __ATOMIC_RELAXED);
}

static PyObject *
install(PyObject *self, PyObject *handler)
{
    if (handler == Py_None)
        Py_RETURN_NONE;
    set_handler(1, Py_NewRef(handler));
    Py_RETURN_NONE;
}

static PyObject *
install_forgetting(PyObject *self, PyObject *handler)
{
    if (handler == Py_None)
        Py_RETURN_NONE;
    Py_INCREF(handler);
    Py_RETURN_NONE; // expected-warning {{Reference taken with 'Py_INCREF' (held in 'handler') is leaked}}
}
