// A function of the same file that the analyzer does not inline (here it is
// variadic; in guppy3's hv.c, hv_heap is too large) and that returns a
// field of its own local struct, `return ta.visited;`, returns what it put
// there itself: a new reference, not an object read from storage that
// outlives the call. Its caller's Py_DECREF of the result is not an
// over-release. The twin returns a field read through a pointer, which is
// borrowed storage, and releasing that result is still reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject *visited;
    Py_ssize_t count;
} Trav;

int walk(PyObject *root, Trav *ta);

static PyObject *
heap_of(PyObject *root, ...)
{
    Trav ta;
    ta.count = 0;
    ta.visited = PySet_New(NULL);
    if (ta.visited == NULL)
        return NULL;
    if (walk(root, &ta) < 0) {
        Py_DECREF(ta.visited);
        return NULL;
    }
    return ta.visited;
}

static PyObject *
visited_of(Trav *ta, ...)
{
    return ta->visited;
}

PyObject *
heap_size(PyObject *self, PyObject *root)
{
    PyObject *h = heap_of(root);
    if (h == NULL)
        return NULL;
    Py_ssize_t n = PySet_GET_SIZE(h);
    Py_DECREF(h);
    return PyLong_FromSsize_t(n);
}

PyObject *
drop_visited(Trav *ta)
{
    PyObject *v = visited_of(ta);
    if (v == NULL)
        return NULL;
    Py_DECREF(v); // expected-warning {{Borrowed reference from 'visited_of' is released; the code does not own it}}
    Py_RETURN_NONE;
}
