#include <proj.h>

/* Clean: a_pick() takes the reference it is given and hands one back. */
static PyObject *
pick(PyObject *self, PyObject *arg)
{
    Py_INCREF(arg);
    return a_pick(arg);
}

/* Clean: b_new() sets an exception when it fails. */
static PyObject *
new_or_null(PyObject *self, PyObject *unused)
{
    PyObject *r = b_new();
    if (r == NULL)
        return NULL;
    return r;
}

/* Bug: b_new()'s new reference is leaked. */
static PyObject *
leak_new(PyObject *self, PyObject *unused)
{
    PyObject *r = b_new();
    if (r == NULL)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef c_methods[] = {
    {"pick", pick, METH_O, NULL},
    {"new_or_null", new_or_null, METH_NOARGS, NULL},
    {"leak_new", leak_new, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
