// Releasing an item read in the release itself, `Py_DECREF(PyTuple_GET_ITEM
// (t, i))`, gives back the reference the container's slot holds: a dealloc
// taking its items apart (CPython's structseq_dealloc), or a result tuple
// reused when nobody else holds it, whose old items are released before
// new ones are stored (odictiter_iternext). Not reported. An item read
// into a variable and released later is borrowed from the container and
// still reported (item-decref.c), as is the twin below.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *result; /* a 2-tuple reused while nobody else holds it */
} pairiter;

static void
tuple_like_dealloc(PyTupleObject *op)
{
    Py_ssize_t n = Py_SIZE(op);
    for (Py_ssize_t i = 0; i < n; i++)
        Py_XDECREF(op->ob_item[i]);
    PyObject_GC_Del(op);
}

static PyObject *
pairiter_next(pairiter *it, PyObject *key, PyObject *value)
{
    PyObject *result = it->result;
    if (Py_REFCNT(result) == 1) {
        Py_INCREF(result);
        Py_DECREF(PyTuple_GET_ITEM(result, 0));
        Py_DECREF(PyTuple_GET_ITEM(result, 1));
        PyTuple_SET_ITEM(result, 0, Py_NewRef(key));
        PyTuple_SET_ITEM(result, 1, Py_NewRef(value));
        return result;
    }
    return PyTuple_Pack(2, key, value);
}

/* The twin reads the item first and releases it as if it owned it. */
static PyObject *
first_repr(PyObject *self, PyObject *args)
{
    PyObject *first = PyTuple_GET_ITEM(args, 0);
    PyObject *r = PyObject_Repr(first);
    Py_DECREF(first); // expected-warning {{Borrowed reference from 'PyTuple_GET_ITEM' is released; the code does not own it}}
    return r;
}

static PyMethodDef methods[] = {
    {"first_repr", first_repr, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
