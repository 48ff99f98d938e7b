// A conversion's -1 stored in an unsigned variable is all ones: rpm keeps
// tag numbers in a uint32_t and tests `tag == (uint32_t)-1` (its
// RPMTAG_NOT_FOUND), which is the test for PyLong_AsLong's failure. The
// branch that replaces the exception with a ValueError takes every failing
// path. The buggy twin compares with another value: a -1 with an exception
// set gets through.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
#include <stdint.h>

#define TAG_NOT_FOUND ((uint32_t)-1)

static int
tag_of(PyObject *item, uint32_t *tagp)
{
    uint32_t tag = TAG_NOT_FOUND;
    if (PyLong_Check(item)) {
        tag = PyLong_AsLong(item);
    } else {
        PyErr_SetString(PyExc_TypeError, "expected an integer");
        return 0;
    }
    if (tag == TAG_NOT_FOUND) {
        PyErr_SetString(PyExc_ValueError, "unknown header tag");
        return 0;
    }
    *tagp = tag;
    return 1;
}

static PyObject *
header_get(PyObject *self, PyObject *item)
{
    uint32_t tag;
    if (!tag_of(item, &tag))
        return NULL;
    return PyLong_FromUnsignedLong(tag);
}

static PyObject *
header_has(PyObject *self, PyObject *item)
{
    uint32_t tag = PyLong_AsLong(item);
    if (tag == 0)
        Py_RETURN_FALSE;
    return PyLong_FromUnsignedLong(tag); // expected-warning {{Result of 'PyLong_AsLong' may be -1 with an exception set}}
}

static PyMethodDef methods[] = {
    {"get", header_get, METH_O, NULL},
    {"has", header_has, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
