// Py_BuildValue fails on a NULL object argument ('O', 'S', 'N'): it raises
// SystemError, or keeps the exception already set. So where its result is
// not NULL, every object it was given was not NULL either, and the code
// may release them without a check of its own.
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
#include <Python.h>

/* Clean: 'name' is only released where Py_BuildValue succeeded. */
static PyObject *
describe(PyObject *self, PyObject *obj)
{
    PyObject *name = PyObject_GetAttrString(obj, "name");
    PyObject *pair = Py_BuildValue("(OO)", obj, name);
    if (pair == NULL) {
        Py_XDECREF(name);
        return NULL;
    }
    Py_DECREF(name);
    return pair;
}

/* Buggy twin: the failure branch releases 'name', which may be NULL. */
static PyObject *
describe_bad(PyObject *self, PyObject *obj)
{
    PyObject *name = PyObject_GetAttrString(obj, "name");
    PyObject *pair = Py_BuildValue("(OO)", obj, name);
    Py_DECREF(name); // expected-warning {{Result of 'PyObject_GetAttrString' may be NULL and is passed to 'Py_DECREF' without a NULL check}}
    return pair;
}
