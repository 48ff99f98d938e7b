#include <Python.h>

static PyObject *
first(PyObject *self, PyObject *seq)
{
    if (PyTuple_GET_SIZE(seq) == 0)
        return NULL;
    return Py_NewRef(PyTuple_GET_ITEM(seq, 0));
}

static PyMethodDef methods[] = {
    {"first", first, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
