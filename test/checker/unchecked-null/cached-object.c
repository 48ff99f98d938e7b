// Small ints (-5..256), the empty str and bytes and the empty tuple are
// cached objects in CPython: PyLong_FromLong(64) or PyUnicode_FromString("")
// never fails, so using the result unchecked is fine (python-xxhash's
// PyLong_FromLong(64), psycopg2's empty payload).
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
shift64(PyObject *self, PyObject *high)
{
    PyObject *sixtyfour = PyLong_FromLong(64);
    PyObject *r = PyNumber_Lshift(high, sixtyfour);
    Py_DECREF(sixtyfour);
    return r;
}

static PyObject *
empty_payload(PyObject *self, PyObject *unused)
{
    PyObject *payload = PyUnicode_FromString("");
    PyObject *args = PyTuple_New(0);
    Py_INCREF(payload);
    Py_DECREF(payload);
    Py_DECREF(args);
    return payload;
}
