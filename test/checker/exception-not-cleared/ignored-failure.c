// The failure of PyObject_SetAttrString sets an exception; carrying on to a
// success return leaves it set.
//
// RUN: refcheck %s --verify-notes -- -Xclang -verify
#include <Python.h>

static PyObject *
tag(PyObject *self, PyObject *obj)
{
    if (PyObject_SetAttrString(obj, "tagged", Py_True) < 0) { // expected-note {{Assuming the condition is true}} expected-note {{'PyObject_SetAttrString' sets an exception}}
        /* "best effort": but the exception is still set */
    }
    Py_RETURN_NONE; // expected-warning {{Returning a result while an exception is set}}
}

static PyMethodDef methods[] = {
    {"tag", tag, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
