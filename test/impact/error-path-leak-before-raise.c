// Impact: error-path. A leak is found where the object dies, which on an
// error branch comes before the branch's raising call: the result is last
// used in the test, and leaked at the PyErr_SetString that follows
// (typeobject.c's slot_tp_hash in 3.11). The statements still to run in
// that block say it is an error branch.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static Py_ssize_t
hash_of(PyObject *self, PyObject *func)
{
    PyObject *res = PyObject_CallNoArgs(func);
    if (res == NULL)
        return -1;
    if (!PyLong_Check(res)) {
        PyErr_SetString(PyExc_TypeError, "__hash__ should return an int"); // expected-warning {{New reference from 'PyObject_CallNoArgs' (held in 'res') is leaked [refcheck.ref-leak] [error-path: on the error branch that calls 'PyErr_SetString']}}
        return -1;
    }
    Py_ssize_t h = PyLong_AsSsize_t(res);
    Py_DECREF(res);
    return h;
}

/* Nothing raises after the leak: every call. */
static int
is_long(PyObject *self, PyObject *func)
{
    PyObject *res = PyObject_CallNoArgs(func);
    if (res == NULL)
        return -1;
    int r = PyLong_Check(res); // expected-warning-re {{New reference from 'PyObject_CallNoArgs' (held in 'res') is leaked [refcheck.ref-leak]{{$}}}}
    return r;
}
