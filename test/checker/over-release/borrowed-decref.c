// PyDict_GetItem returns a borrowed reference: releasing it takes a
// reference away from the dict, which will free the value too early.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
get_and_drop(PyObject *self, PyObject *dict)
{
    PyObject *v = PyDict_GetItemString(dict, "key");
    if (v == NULL)
        Py_RETURN_NONE;
    Py_DECREF(v); // expected-warning {{Borrowed reference from 'PyDict_GetItemString' is released; the code does not own it}}
    Py_RETURN_NONE;
}
