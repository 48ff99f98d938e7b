// A helper that takes an item out of a list by putting another object in
// its slot (CPython's simplequeue_pop_item: `item = PyList_GET_ITEM(l, i);
// PyList_SET_ITEM(l, i, Py_None);`) hands the list's reference to its
// caller: what it returns is not borrowed. Here the helper is followed, but
// the function that calls it has a loop, so the analyzer does not follow
// that one where it is called (_queue_SimpleQueue_get_impl): its contract,
// inferred first in the same parse, must not say "borrowed", or the entry
// point returning its result is reported. A helper that only reads a
// field returns it borrowed, and returning that is still reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *lst;
    Py_ssize_t pos;
    PyObject *first;
} Queue;

static PyObject *
pop_item(Queue *q)
{
    PyObject *item = PyList_GET_ITEM(q->lst, q->pos);
    Py_INCREF(Py_None);
    PyList_SET_ITEM(q->lst, q->pos, Py_None);
    q->pos += 1;
    return item;
}

static PyObject *
get_item(Queue *q, int tries)
{
    while (q->pos == PyList_GET_SIZE(q->lst)) {
        if (tries-- == 0) {
            PyErr_SetString(PyExc_IndexError, "empty");
            return NULL;
        }
    }
    return pop_item(q);
}

static PyObject *
queue_get(PyObject *self, PyObject *noargs)
{
    return get_item((Queue *)self, 3);
}

static PyObject *
peek_first(Queue *q, int tries)
{
    while (q->first == NULL) {
        if (tries-- == 0) {
            PyErr_SetString(PyExc_IndexError, "empty");
            return NULL;
        }
    }
    return q->first;
}

static PyObject *
queue_peek(PyObject *self, PyObject *noargs)
{
    return peek_first((Queue *)self, 3); // expected-warning {{Returning a borrowed reference from 'peek_first' where a new reference is owed}}
}

static PyMethodDef methods[] = {
    {"get", queue_get, METH_NOARGS, NULL},
    {"peek", queue_peek, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
