// Py_BuildValue's format says who owns what: "O" takes its own reference
// (the caller still owns and must release the argument), "N" steals it.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
pack_o(PyObject *self, PyObject *args)
{
    PyObject *x = PyLong_FromLong(1);
    if (x == NULL)
        return NULL;
    return Py_BuildValue("(iO)", 0, x); // expected-warning {{New reference from 'PyLong_FromLong' (held in 'x') is leaked}}
}

static PyObject *
pack_n(PyObject *self, PyObject *args)
{
    PyObject *x = PyLong_FromLong(1);
    if (x == NULL)
        return NULL;
    return Py_BuildValue("(iN)", 0, x); /* stolen: fine */
}

static PyObject *
pack_n_borrowed(PyObject *self, PyObject *arg)
{
    return Py_BuildValue("N", arg); // expected-warning {{'Py_BuildValue' steals a reference, but this one is borrowed (a parameter); add Py_INCREF first}}
}

static PyObject *
parse_borrowed(PyObject *self, PyObject *args)
{
    PyObject *o;
    if (!PyArg_ParseTuple(args, "O:parse", &o))
        return NULL;
    Py_DECREF(o); // expected-warning {{Borrowed reference from 'PyArg_ParseTuple' is released; the code does not own it}}
    Py_RETURN_NONE;
}
