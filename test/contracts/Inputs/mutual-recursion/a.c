#include <Python.h>

PyObject *walk_b(PyObject *obj, int depth);

PyObject *walk_a(PyObject *obj, int depth) {
    if (depth <= 0)
        return obj;
    return walk_b(obj, depth - 1);
}

/* Clean: the walk hands the new reference back. */
static PyObject *walk(PyObject *self, PyObject *unused) {
    return walk_b(PyLong_FromLong(1), 3);
}

/* Buggy twin: r is n itself, whose only reference is released. */
static PyObject *walk_twice(PyObject *self, PyObject *unused) {
    PyObject *n = PyLong_FromLong(1);
    if (n == NULL)
        return NULL;
    PyObject *r = walk_b(n, 3);
    Py_DECREF(n);
    return r;
}

static PyMethodDef methods[] = {
    {"walk", walk, METH_NOARGS, NULL},
    {"walk_twice", walk_twice, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
