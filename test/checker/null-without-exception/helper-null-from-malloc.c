// The twin of helper-null-from-free-list.c without the free list: the
// helper's NULL comes from a failed PyMem_Malloc with no PyErr_NoMemory(),
// so grow() fails without an exception and the method that returns its
// NULL makes Python raise SystemError. Still reported.
//
// RUN: refcheck %s --enable=null-without-exception -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    Py_ssize_t nblocks;
} Pool;

static void *
take_block(Pool *p)
{
    void *b = PyMem_Malloc(64);
    if (b == NULL)
        return NULL;            /* no PyErr_NoMemory() */
    p->nblocks++;
    return b;
}

static PyObject *
grow(Pool *p)
{
    void *b = take_block(p);
    if (b == NULL)
        return NULL;
    PyMem_Free(b);
    Py_RETURN_NONE;
}

static PyObject *
Pool_grow(Pool *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *r = grow(self);
    return r; // expected-warning {{Returning NULL without setting an exception}}
}

static PyMethodDef Pool_methods[] = {
    {"grow", (PyCFunction)Pool_grow, METH_NOARGS, NULL},
    {NULL},
};
