// An object's stored size (Py_SIZE's ob_size, PyUnicode_GET_LENGTH's length)
// is never negative, so a defensive `== -1` or `< 0` test of it is dead code:
// its error return is never taken and is not reported (CPython's _csv.c
// join_append_lineterminator). It holds whether the accessor's inline body
// is followed or, when an API database lists it (CPython's refcounts.dat
// lists the *_GET_SIZE accessors), its row gives an opaque result.
//
// RUN: refcheck %s --enable=null-without-exception -- -Xclang -verify
// RUN: refcheck %s --enable=null-without-exception --api-db=%S/Inputs/size-accessors.dat -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static int
append_terminator(PyObject *term)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(term);
    if (n == -1)
        return -1;
    return 0;
}

static PyObject *
write_term(PyObject *self, PyObject *term)
{
    if (!PyUnicode_Check(term)) {
        PyErr_SetString(PyExc_TypeError, "str expected");
        return NULL;
    }
    if (append_terminator(term) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *
first_half(PyObject *self, PyObject *seq)
{
    if (Py_SIZE(seq) < 0)
        return NULL;
    return PyLong_FromSsize_t(Py_SIZE(seq) / 2);
}

static PyMethodDef methods[] = {
    {"write_term", write_term, METH_O, NULL},
    {"first_half", first_half, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
