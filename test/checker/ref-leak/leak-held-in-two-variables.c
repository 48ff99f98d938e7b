// A reference held in two variables at the leak (`b = next;` in a walk
// over a linked list, BTrees' BTreeItems_length_or_nonzero) is named by the
// variable declared first. The engine's store lists variables in the order
// of their addresses in memory, which change from run to run: the name,
// and with it the number of reports (two paths with different names were
// two reports), changed between runs of the same file.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct Bucket {
    PyObject_HEAD
    struct Bucket *next;
} Bucket;

int unghostify(Bucket *b);

static PyObject *
count_buckets(PyObject *self, PyObject *arg)
{
    Bucket *next, *b;
    Py_ssize_t n = 1;

    b = (Bucket *)arg;
    Py_INCREF(b);
    while ((next = b->next)) {
        Py_INCREF(next);
        Py_DECREF(b);
        b = next;
        if (unghostify(b) < 0)
            return NULL; // expected-warning {{Reference taken with 'Py_INCREF' (held in 'next') is leaked}}
        n++;
    }
    Py_DECREF(b);
    return PyLong_FromSsize_t(n);
}

static PyMethodDef methods[] = {
    {"count_buckets", count_buckets, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
