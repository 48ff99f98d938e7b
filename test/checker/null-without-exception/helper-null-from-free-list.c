// A free list: the helper hands out a cached block, or allocates one and
// raises MemoryError when that fails (CPython's deque newblock()). The
// analyzer cannot follow the cached slot through its symbolic index, so the
// helper's result stands for an unknown value: a NULL that only comes from
// assuming it is NULL is not reported. The twin, helper-null-from-malloc.c,
// forgets PyErr_NoMemory() and is still reported.
//
// RUN: refcheck %s --enable=null-without-exception -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

typedef struct {
    PyObject_HEAD
    Py_ssize_t numfree;
    void *freeblocks[16];
} Pool;

static inline void *
take_block(Pool *p)
{
    if (p->numfree) {
        p->numfree--;
        return p->freeblocks[p->numfree];
    }
    void *b = PyMem_Malloc(64);
    if (b == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    return b;
}

static PyObject *
grow(PyObject *self, PyObject *unused)
{
    void *b = take_block((Pool *)self);
    if (b == NULL)
        return NULL;
    PyMem_Free(b);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"grow", grow, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
