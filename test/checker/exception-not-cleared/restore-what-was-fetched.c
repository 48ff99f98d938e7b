// PyErr_Fetch with no exception set hands out a NULL type, and restoring
// it sets nothing: a finalizer that saves the exception state, calls
// Python and restores the state (cffi's gcp_finalize) leaves no exception
// behind when there was none before, also where the call failed. Where an
// exception was set before, restoring it sets it again.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
release(PyObject *self, PyObject *arg)
{
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyObject *r = PyObject_CallOneArg(self, arg);
    if (r)
        Py_DECREF(r);
    PyErr_Restore(t, v, tb);
    Py_RETURN_NONE;
}

static PyObject *
release_after_error(PyObject *self, PyObject *arg)
{
    PyErr_SetString(PyExc_ValueError, "failed");
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_Restore(t, v, tb);
    Py_RETURN_NONE; // expected-warning {{Returning a result while an exception is set: clear it (PyErr_Clear) or return NULL [refcheck.exception-not-cleared]}}
}

static PyMethodDef methods[] = {
    {"release", release, METH_O, NULL},
    {"release_after_error", release_after_error, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
