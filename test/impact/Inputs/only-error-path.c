/* A finding on an error path only. */
#include <Python.h>

static PyObject *
tag(PyObject *self, PyObject *obj)
{
    if (PyObject_SetAttrString(obj, "tagged", Py_True) < 0) {
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"tag", tag, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
