#include <Python.h>

PyObject *maybe_take(PyObject *obj, int flag);

/* What maybe_take does with 't' is unknown: 't' is no longer judged. */
static PyObject *hand_over(PyObject *self, PyObject *unused) {
    PyObject *t = PyTuple_New(0);
    if (t == NULL)
        return NULL;
    return maybe_take(t, 1);
}

/* Buggy twin: the list has nothing to do with maybe_take and leaks. */
static PyObject *hand_over_leaky(PyObject *self, PyObject *unused) {
    PyObject *t = PyTuple_New(0);
    PyObject *l = PyList_New(0);
    if (t == NULL || l == NULL)
        return NULL;
    return maybe_take(t, 1);
}

static PyMethodDef methods[] = {
    {"hand_over", hand_over, METH_NOARGS, NULL},
    {"hand_over_leaky", hand_over_leaky, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
