// Py_CLEAR, Py_SETREF, Py_NewRef and Py_RETURN_NONE, used correctly.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *cached;

static PyObject *
reset(PyObject *self, PyObject *args)
{
    PyObject *tmp = PyList_New(0);
    if (tmp == NULL)
        return NULL;
    Py_CLEAR(tmp);
    Py_RETURN_NONE;
}

static PyObject *
replace(PyObject *self, PyObject *value)
{
    PyObject *old = PyTuple_New(0);
    if (old == NULL)
        return NULL;
    Py_SETREF(old, Py_NewRef(value));
    return old;
}

static PyObject *
remember(PyObject *self, PyObject *value)
{
    Py_XSETREF(cached, Py_NewRef(value));
    Py_RETURN_TRUE;
}

static PyObject *
same(PyObject *self, PyObject *value)
{
    return Py_NewRef(value);
}

static PyObject *
incref_and_return(PyObject *self, PyObject *value)
{
    Py_INCREF(value);
    return value;
}
