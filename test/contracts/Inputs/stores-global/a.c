#include <Python.h>

void remember(PyObject *obj);

/* Clean: remember() takes the new tuple. */
static PyObject *keep_empty(PyObject *self, PyObject *unused) {
    PyObject *t = PyTuple_New(0);
    if (t == NULL)
        return NULL;
    remember(t);
    Py_RETURN_NONE;
}

/* Buggy twin: hands over a reference it does not own. */
static PyObject *keep_arg(PyObject *self, PyObject *arg) {
    remember(arg);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"keep_empty", keep_empty, METH_NOARGS, NULL},
    {"keep_arg", keep_arg, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
