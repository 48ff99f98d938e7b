#include <Python.h>

PyObject *box_make(void);

/* Clean: box_make()'s reference is ours to release. */
static PyObject *
use(PyObject *self, PyObject *unused)
{
    PyObject *b = box_make();
    if (b == NULL)
        return NULL;
    Py_DECREF(b);
    Py_RETURN_NONE;
}

/* Bug: box_make()'s reference is leaked. */
static PyObject *
forget(PyObject *self, PyObject *unused)
{
    PyObject *b = box_make();
    if (b == NULL)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"use", use, METH_NOARGS, NULL},
    {"forget", forget, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
