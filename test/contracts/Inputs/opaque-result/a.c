#include "row.h"

typedef struct {
    PyObject_HEAD
    PyObject *description;
} Cursor;

/* A helper with a loop: its contract comes from its own body, which
 * returns what row_new made. */
static PyObject *
fetch(Cursor *cur)
{
    Py_ssize_t n = PyTuple_GET_SIZE(cur->description);
    PyObject **values = PyMem_Malloc(sizeof(PyObject *) * n);
    if (values == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *v = PyLong_FromSsize_t(i);
        if (v == NULL) {
            while (--i >= 0)
                Py_DECREF(values[i]);
            PyMem_Free(values);
            return NULL;
        }
        values[i] = v;
    }
    return (PyObject *)row_new(cur->description, n, values);
}

static PyObject *
fetchone(Cursor *cur, PyObject *unused)
{
    PyObject *row = fetch(cur);
    if (row == NULL) {
        if (PyErr_Occurred())
            return NULL;
        Py_RETURN_NONE;
    }
    return row;
}

static PyObject *
rowcount(Cursor *cur, PyObject *unused)
{
    PyObject *row = (PyObject *)row_new(cur->description, 0, NULL);
    if (row == NULL)
        return NULL;
    return PyLong_FromLong(1);
}

static PyMethodDef methods[] = {
    {"fetchone", (PyCFunction)fetchone, METH_NOARGS, NULL},
    {"rowcount", (PyCFunction)rowcount, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
