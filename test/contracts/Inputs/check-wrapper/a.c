#include <Python.h>

PyObject *check(PyObject *res);

/* Clean: check() hands the new reference back (or takes it and fails). */
static PyObject *is_ok(PyObject *self, PyObject *arg) {
    long x = PyLong_AsLong(arg); if (x == -1 && PyErr_Occurred()) return NULL;
    return check(PyBool_FromLong(x));
}

/* Buggy twin: r is n itself, whose only reference is released (and when
   check() fails, it already took it). */
static PyObject *twice(PyObject *self, PyObject *arg) {
    PyObject *n = PyLong_FromLong(1);
    PyObject *r = check(n);
    Py_DECREF(n);
    return r;
}

static PyMethodDef methods[] = {
    {"is_ok", is_ok, METH_O, NULL},
    {"twice", twice, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
