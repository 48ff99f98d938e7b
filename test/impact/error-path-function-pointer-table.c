// Impact: error-path for a failure of a function called through a table of
// function pointers (a C API exported in a capsule, persistent's
// `cPersistenceCAPI->setstate(obj) < 0`). The analysis cannot follow such a
// call; its negative int result is its failure by the C-API convention, and
// the leak on that branch is not every-call (BTrees' PER_USE_OR_RETURN).
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    int (*setstate)(PyObject *);
    PyObject *(*lookup)(PyObject *, PyObject *);
} CAPI;

static CAPI *capi;

static PyObject *
first_len(PyObject *self, PyObject *bucket)
{
    Py_INCREF(bucket);
    if (capi->setstate(bucket) < 0)
        return NULL; // expected-warning {{Reference taken with 'Py_INCREF' (held in 'bucket') is leaked [refcheck.ref-leak] [error-path: when 'setstate' fails]}}
    Py_ssize_t n = PyObject_Length(bucket);
    Py_DECREF(bucket);
    return n < 0 ? NULL : PyLong_FromSsize_t(n);
}

static PyObject *
first_item(PyObject *self, PyObject *key)
{
    PyObject *name = PyUnicode_FromString("first");
    if (name == NULL)
        return NULL;
    PyObject *r = capi->lookup(self, key);
    if (r == NULL)
        return NULL; // expected-warning {{New reference from 'PyUnicode_FromString' (held in 'name') is leaked [refcheck.ref-leak] [error-path: when 'lookup' fails]}}
    Py_DECREF(name);
    return r;
}

static PyMethodDef methods[] = {
    {"first_len", first_len, METH_O, NULL},
    {"first_item", first_item, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
