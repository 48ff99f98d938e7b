#include <Python.h>

PyObject *with_current(PyObject *obj, PyObject *cur);

/* Clean: the item is borrowed, and with_current() only borrows it. */
static PyObject *call_first(PyObject *self, PyObject *args) {
    if (!PyTuple_Check(args) || PyTuple_GET_SIZE(args) < 1)
        return PyErr_Format(PyExc_TypeError, "one argument needed");
    return with_current(PyTuple_GET_ITEM(args, 0), self);
}

/* Buggy twin: the new reference is never released. */
static PyObject *call_attr(PyObject *self, PyObject *unused) {
    PyObject *f = PyObject_GetAttrString(self, "callback");
    if (f == NULL)
        return NULL;
    return with_current(f, self);
}

static PyMethodDef methods[] = {
    {"call_first", call_first, METH_VARARGS, NULL},
    {"call_attr", call_attr, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
