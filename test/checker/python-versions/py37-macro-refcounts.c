// Before Python 3.8, Py_INCREF and Py_DECREF were macros that change
// ob_refcnt in place, and Py_DECREF called _Py_Dealloc itself. refcheck reads
// `op->ob_refcnt++` as Py_INCREF and `--op->ob_refcnt` as Py_DECREF, so code
// built against old headers is checked the same way.
//
// RUN: refcheck %s -- -Xclang -verify
#include "Inputs/py37/Python.h"

static PyObject *
leak(PyObject *self, PyObject *arg)
{
    PyObject *v = PyLong_FromLong(1);
    if (v == NULL)
        return NULL;
    Py_RETURN_NONE; // expected-warning {{New reference from 'PyLong_FromLong' (held in 'v') is leaked}}
}

static PyObject *
leak_fixed(PyObject *self, PyObject *arg)
{
    PyObject *v = PyLong_FromLong(1);
    if (v == NULL)
        return NULL;
    Py_DECREF(v);
    Py_RETURN_NONE;
}

static PyObject *
double_release(PyObject *self, PyObject *arg)
{
    PyObject *v = PyLong_FromLong(1);
    if (v == NULL)
        return NULL;
    Py_DECREF(v);
    Py_DECREF(v); // expected-warning {{Reference released twice: the object may already be freed}}
    Py_RETURN_NONE;
}

static PyObject *
taken_by_hand(PyObject *self, PyObject *arg)
{
    Py_INCREF(arg);
    Py_RETURN_NONE; // expected-warning {{Reference taken with 'ob_refcnt++' (held in 'arg') is leaked}}
}

static PyObject *
taken_by_hand_fixed(PyObject *self, PyObject *arg)
{
    Py_INCREF(arg);
    return arg;
}

static PyObject *
borrowed_released(PyObject *self, PyObject *arg)
{
    Py_DECREF(arg); // expected-warning {{Borrowed reference (a parameter) is released; the code does not own it}}
    Py_RETURN_NONE;
}
