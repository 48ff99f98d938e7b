// "i" stores an int, "n" a Py_ssize_t: a long* for "i" leaves half of the
// long unset, an int* for "n" overwrites the next variable on 64-bit.
//
// RUN: refcheck %s -- -Xclang -verify
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
scale(PyObject *self, PyObject *args)
{
    long factor;
    int count;
    if (!PyArg_ParseTuple(args, "in:scale", &factor, &count)) // expected-warning {{Format code 'i' of 'PyArg_ParseTuple' expects 'int *' but argument 3 is 'long *'}} expected-warning {{Format code 'n' of 'PyArg_ParseTuple' expects 'Py_ssize_t *' but argument 4 is 'int *'}}
        return NULL;
    return PyLong_FromLong(factor * count);
}
