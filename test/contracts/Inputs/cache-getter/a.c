#include <Python.h>

PyObject *get_cache(void);

/* Clean: the cache is borrowed; nothing to release. */
static PyObject *cache_size(PyObject *self, PyObject *unused) {
    PyObject *d = get_cache();
    if (d == NULL)
        return NULL;
    return PyLong_FromSsize_t(PyDict_Size(d));
}

/* Buggy twin: releases a reference it never owned. */
static PyObject *drop_cache(PyObject *self, PyObject *unused) {
    PyObject *d = get_cache();
    if (d == NULL)
        return NULL;
    Py_DECREF(d);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"cache_size", cache_size, METH_NOARGS, NULL},
    {"drop_cache", drop_cache, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
