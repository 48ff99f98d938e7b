// Flags that do not match the function: a METH_VARARGS method written for
// keywords gets garbage as its third argument; a METH_FASTCALL method
// written as METH_O receives an array where it expects an object; a
// METH_KEYWORDS without VARARGS or FASTCALL is rejected by Python.
//
// RUN: refcheck %s -- -Xclang -verify
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
open_(PyObject *self, PyObject *args, PyObject *kwargs)
{
    Py_RETURN_NONE;
}

static PyObject *
first(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_RETURN_NONE;
}

static int
count(PyObject *self, PyObject *arg)
{
    return 0;
}

static PyMethodDef methods[] = {
    {"open", (PyCFunction)open_, METH_VARARGS, NULL}, // expected-warning {{Method 'open' is METH_VARARGS but 'open_' takes 3 parameters instead of 2}}
    {"first", (PyCFunction)(void (*)(void))first, METH_VARARGS | METH_KEYWORDS, NULL}, // expected-warning {{Method 'first' is METH_VARARGS|METH_KEYWORDS but parameter 2 of 'first' is 'PyObject *const *' instead of 'PyObject *'}}
    {"kw", (PyCFunction)open_, METH_KEYWORDS, NULL}, // expected-warning {{Method 'kw' has flags 0x2, not a calling convention Python accepts: calling it raises SystemError ('bad call flags')}}
    {"count", (PyCFunction)count, METH_O, NULL}, // expected-warning {{Method 'count': 'count' returns 'int' instead of 'PyObject *'}}
    {NULL, NULL, 0, NULL},
};
