// The twin of cached-object.c: 1000 is not a cached small int and "xy" is
// neither empty nor one character, so these constructors can fail
// (MemoryError) and their results must be checked.
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
#include <Python.h>

static PyObject *
shift1000(PyObject *self, PyObject *high)
{
    PyObject *thousand = PyLong_FromLong(1000);
    PyObject *r = PyNumber_Lshift(high, thousand);
    Py_DECREF(thousand); // expected-warning {{Result of 'PyLong_FromLong' may be NULL and is passed to 'Py_DECREF' without a NULL check}}
    return r;
}

static PyObject *
x_payload(PyObject *self, PyObject *unused)
{
    PyObject *payload = PyUnicode_FromString("xy");
    Py_INCREF(payload); // expected-warning {{Result of 'PyUnicode_FromString' may be NULL and is passed to 'Py_INCREF' without a NULL check}}
    Py_DECREF(payload);
    return payload;
}
