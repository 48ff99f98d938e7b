// A Py_buffer that PyObject_GetBuffer filled has a length of 0 or more: a
// helper that returns the length, or -1 when the call fails, fails only
// with the exception set (CPython's BytesIO.write). A -1 of its own, with
// no exception, is still reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static Py_ssize_t
buffer_length(PyObject *b)
{
    Py_buffer view;
    if (PyObject_GetBuffer(b, &view, PyBUF_CONTIG_RO) < 0)
        return -1;
    Py_ssize_t len = view.len;
    PyBuffer_Release(&view);
    return len;
}

static PyObject *
write_one(PyObject *self, PyObject *b)
{
    if (buffer_length(b) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static Py_ssize_t
small_buffer_length(PyObject *b)
{
    Py_buffer view;
    if (PyObject_GetBuffer(b, &view, PyBUF_CONTIG_RO) < 0)
        return -1;
    Py_ssize_t len = view.len;
    PyBuffer_Release(&view);
    if (len > 100)
        return -1; // no exception set
    return len;
}

static PyObject *
write_small(PyObject *self, PyObject *b)
{
    if (small_buffer_length(b) < 0)
        return NULL; // expected-warning {{Returning NULL without setting an exception}}
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"write_one", write_one, METH_O, NULL},
    {"write_small", write_small, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
