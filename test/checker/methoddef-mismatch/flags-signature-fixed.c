// The fix for flags-signature.c: each function under the flags of its
// signature. METH_NOARGS functions may leave out the unused parameter, and
// METH_CLASS/METH_STATIC/METH_COEXIST do not change the convention.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
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

static PyObject *
first_kw(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
         PyObject *kwnames)
{
    Py_RETURN_NONE;
}

static PyObject *
defining(PyObject *self, PyTypeObject *cls, PyObject *const *args,
         Py_ssize_t nargs, PyObject *kwnames)
{
    Py_RETURN_NONE;
}

static PyObject *
count(PyObject *self, PyObject *arg)
{
    return PyLong_FromLong(0);
}

static PyObject *
nothing(PyObject *self)
{
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"open", (PyCFunction)(void (*)(void))open_, METH_VARARGS | METH_KEYWORDS, NULL},
    {"first", (PyCFunction)(void (*)(void))first, METH_FASTCALL, NULL},
    {"first_kw", (PyCFunction)(void (*)(void))first_kw, METH_FASTCALL | METH_KEYWORDS, NULL},
    {"defining", (PyCFunction)(void (*)(void))defining, METH_METHOD | METH_FASTCALL | METH_KEYWORDS, NULL},
    {"count", count, METH_O | METH_CLASS, NULL},
    {"nothing", (PyCFunction)nothing, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
