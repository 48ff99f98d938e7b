/* a.c: files that differ in their first comment share one precompiled
 * header of their first directives. */
#define PROJ_MODULE
#include "proj.h"

static PyObject *
drop(PyObject *self, PyObject *arg)
{
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    RELEASE(t);
    Py_RETURN_NONE;
}

/* Python 3.11's None has a reference count: which Python the headers are
   is read from PY_MINOR_VERSION, through the precompiled header. */
static PyObject *
zero(PyObject *self, PyObject *arg)
{
    Py_INCREF(Py_None);
    return PyLong_FromLong(0);
}

static PyMethodDef a_methods[] = {
    {"drop", drop, METH_O, NULL},
    {"zero", zero, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
