// A parameter we took a reference on and stored into memory is managed by
// that memory from then on: releasing a reference of ours afterwards is not
// an over-release of the caller's. Storing a borrowed parameter and
// releasing it is.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject *object;
} path_t;

static int
keep_twice(PyObject *o, void *p)
{
    path_t *path = (path_t *)p;
    Py_INCREF(o);
    Py_INCREF(o);
    path->object = o;
    Py_DECREF(o);
    return 1;
}

static int
store_borrowed_then_release(PyObject *o, void *p)
{
    path_t *path = (path_t *)p;
    path->object = o;
    Py_DECREF(o); // expected-warning {{Borrowed reference (a parameter) is released; the code does not own it}}
    return 1;
}
