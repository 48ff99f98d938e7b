// PyCallable_Check(NULL) is 0, so a path where it said yes had an object:
// `f = PyObject_GetAttrString(o, "read"); if (!PyCallable_Check(f)) ...`
// handles the failed lookup too (ujson's JSONFileToObj). Without the check,
// the NULL is still reported when it is called.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
read_all(PyObject *self, PyObject *file)
{
    PyObject *read = PyObject_GetAttrString(file, "read");
    if (!PyCallable_Check(read)) {
        Py_XDECREF(read);
        PyErr_SetString(PyExc_TypeError, "expected a file");
        return NULL;
    }
    PyObject *data = PyObject_CallNoArgs(read);
    Py_DECREF(read);
    return data;
}

static PyObject *
read_all_unchecked(PyObject *self, PyObject *file)
{
    PyObject *read = PyObject_GetAttrString(file, "read");
    PyObject *data = PyObject_CallNoArgs(read); // expected-warning {{Result of 'PyObject_GetAttrString' may be NULL and is passed to 'PyObject_CallNoArgs' without a NULL check}}
    Py_XDECREF(read);
    return data;
}
