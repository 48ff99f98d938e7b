#include <Python.h>

int parse_flags(PyObject *obj, long *out);
int is_small(PyObject *obj);

/* Clean: parse_flags set the exception when it returned 0. */
static PyObject *set_flags(PyObject *self, PyObject *arg) {
    long flags;
    if (!parse_flags(arg, &flags))
        return NULL;
    Py_RETURN_NONE;
}

/* Buggy twin: is_small's 0 comes without an exception. */
static PyObject *check_small(PyObject *self, PyObject *arg) {
    if (!is_small(arg))
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"set_flags", set_flags, METH_O, NULL},
    {"check_small", check_small, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
