// PyObject_Size, PyTuple_Size and the other calls that fail with a negative
// int fail with exactly -1: after `if (-1 == n) return NULL;` the size is
// not negative, and a loop `for (i = 0; i < n; i++)` that does not run
// means n is 0 (python-zstandard's BufferWithSegmentsCollection_init tests
// PyTuple_Size so). A caller that treats any negative size as "nothing to
// do" returns a result with the exception set.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static Py_ssize_t total;

static PyObject *
add_indexes(PyObject *self, PyObject *obj)
{
    Py_ssize_t n = PyObject_Size(obj);
    if (-1 == n)
        return NULL;
    if (0 == n)
        return PyErr_Format(PyExc_ValueError, "empty");
    for (Py_ssize_t i = 0; i < n; i++)
        total += i;
    Py_RETURN_NONE;
}

static PyObject *
add_indexes_unchecked(PyObject *self, PyObject *obj)
{
    Py_ssize_t n = PyObject_Size(obj);
    if (n < 0)
        Py_RETURN_NONE; // expected-warning {{Returning a result while an exception is set}}
    for (Py_ssize_t i = 0; i < n; i++)
        total += i;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"add_indexes", add_indexes, METH_O, NULL},
    {"add_indexes_unchecked", add_indexes_unchecked, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
