// Py_DecRef and _Py_DecRef are the exported forms of Py_XDECREF and
// Py_DECREF: the caller gives its reference up. In their own bodies
// (CPython's Objects/object.c) the parameter is theirs to release, as
// api-implementation-steals.c shows for PyTuple_SetItem's item. A call
// of _Py_DecRef is a Py_DECREF: using the object after it is reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

void
Py_DecRef(PyObject *o)
{
    Py_XDECREF(o);
}

void
_Py_DecRef(PyObject *o)
{
    Py_DECREF(o);
}

static PyObject *
drop_then_use(PyObject *self, PyObject *args)
{
    PyObject *t = PyTuple_New(0);
    if (t == NULL)
        return NULL;
    _Py_DecRef(t);
    return PyObject_Repr(t); // expected-warning {{Object passed to 'PyObject_Repr' after its reference was released}}
}

static PyMethodDef methods[] = {
    {"drop_then_use", drop_then_use, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
