// Two comparisons of one object with Py_None on one path agree: once the
// code knows `headers != Py_None`, a helper asking `obj == Py_None` again
// gets the same answer. The analyzer cannot compare a symbolic object with
// a global's address, so without refcheck's help each comparison answered
// afresh and the path below, where headers both is and is not None, was
// reported. (The pattern of pycurl's mime headers, where a helper rejects
// None after its caller already skipped it.)
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static int
skip_none(PyObject *obj)
{
    if (obj == Py_None)
        return 1;
    return 0;
}

static PyObject *
set_headers(PyObject *self, PyObject *args)
{
    PyObject *headers = NULL;
    if (!PyArg_ParseTuple(args, "|O", &headers))
        return NULL;
    if (headers != NULL && headers != Py_None) {
        if (skip_none(headers)) {
            /* Cannot happen: headers is not None here. */
            PyObject *unused = PyLong_FromLong(1);
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

/* A real leak on a path that can happen is still reported: headers is not
 * None, so it may well be True. */
static PyObject *
set_flag(PyObject *self, PyObject *args)
{
    PyObject *flag = NULL;
    if (!PyArg_ParseTuple(args, "|O", &flag))
        return NULL;
    if (flag != NULL && flag != Py_None) {
        PyObject *n = PyLong_FromLong(1);
        if (flag == Py_True)
            return NULL; // expected-warning {{New reference from 'PyLong_FromLong' (held in 'n') is leaked}}
        Py_DECREF(n);
    }
    if (flag == Py_None) {
        PyObject *m = PyLong_FromLong(2);
        return m;
    }
    Py_RETURN_NONE;
}
