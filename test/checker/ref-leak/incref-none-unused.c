// Before Python 3.12, Py_None has a reference count: a Py_INCREF(Py_None)
// that no return, store or stealing call takes over leaks a reference to
// None, which `regrtest -R` sees as a leak on every call.
//
// RUN: refcheck %s --verify-notes -- -Xclang -verify
#include <Python.h>

static PyObject *
lookup(PyObject *self, PyObject *key)
{
    PyObject *result = PyObject_GetItem(self, key);
    if (result == NULL) { // expected-note {{Assuming 'result' is equal to NULL}}
        PyErr_Clear();
        Py_INCREF(Py_None);
        return PyLong_FromLong(0); // expected-warning {{Reference taken with 'Py_INCREF' on 'Py_None' is leaked}}
    }
    return result;
}
