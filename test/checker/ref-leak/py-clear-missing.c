// Setting the variable to NULL by hand is not Py_CLEAR: the object leaks.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
reset(PyObject *self, PyObject *args)
{
    PyObject *tmp = PyList_New(0);
    if (tmp == NULL)
        return NULL;
    tmp = NULL;
    Py_RETURN_NONE; // expected-warning {{New reference from 'PyList_New' (held in 'tmp') is leaked}}
}
