#include <Python.h>

int relay(PyObject *obj);

/* Takes the caller's reference: releases it. Inferred in the first step;
   b.c is analyzed along with its last inference (of relay_again), which
   must still know that consume() owns what it releases. */
int consume(PyObject *obj) {
    Py_DECREF(obj);
    return 0;
}

/* Takes the reference too, through relay() in a.c. */
int relay_again(PyObject *obj) {
    return relay(obj);
}

/* Buggy twin: the reference relay_again() took is released again. */
static PyObject *drop_twice(PyObject *self, PyObject *unused) {
    PyObject *n = PyLong_FromLong(1);
    if (n == NULL)
        return NULL;
    relay_again(n);
    Py_DECREF(n);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"drop_twice", drop_twice, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
