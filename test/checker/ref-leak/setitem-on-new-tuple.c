// PyTuple_SetItem and PyList_SetItem fail only on an object of the wrong
// type (or an index out of range, a bug of its own): on a tuple PyTuple_New
// just made they return 0, so a defensive `!= 0` branch is not a path where
// the tuple leaks (pysqlite3's _pysqlite_query_execute). On an object of
// unknown type the failure is real, and the leak on it is reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
wrap(PyObject *self, PyObject *op)
{
    PyObject *args = PyTuple_New(1);
    if (args == NULL)
        return NULL;
    Py_INCREF(op);
    if (PyTuple_SetItem(args, 0, op) != 0)
        return NULL;
    return args;
}

static PyObject *
wrap_made(PyObject *self, PyObject *factory)
{
    PyObject *args = PyObject_CallNoArgs(factory);
    if (args == NULL)
        return NULL;
    Py_INCREF(self);
    if (PyTuple_SetItem(args, 0, self) != 0)
        return NULL; // expected-warning {{New reference from 'PyObject_CallNoArgs' (held in 'args') is leaked}}
    return args;
}
