#include <Python.h>

PyObject *identity(PyObject *o);

/* Clean: identity() hands back the borrowed argument; the reference the
   caller is owed is taken here. */
static PyObject *echo(PyObject *self, PyObject *arg) {
    PyObject *o = identity(arg);
    Py_INCREF(o);
    return o;
}

/* Buggy twin: returns the borrowed argument without a reference. */
static PyObject *echo_borrowed(PyObject *self, PyObject *arg) {
    return identity(arg);
}

static PyMethodDef methods[] = {
    {"echo", echo, METH_O, NULL},
    {"echo_borrowed", echo_borrowed, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
