#include <Python.h>

PyObject *as_index_list(PyObject *o);
PyObject *copy_index_list(PyObject *o);

/* Releases what it got only where it was not handed its own argument. */
static PyObject *
count(PyObject *self, PyObject *arg)
{
    PyObject *l = as_index_list(arg);
    if (l == NULL)
        return NULL;
    Py_ssize_t n = PyObject_Length(l);
    if (!PyList_Check(arg))
        Py_DECREF(l);
    return PyLong_FromSsize_t(n);
}

/* The same with a helper that always makes a new list: a leak when the
   argument is a list. */
static PyObject *
count_copy(PyObject *self, PyObject *arg)
{
    PyObject *l = copy_index_list(arg);
    if (l == NULL)
        return NULL;
    Py_ssize_t n = PyObject_Length(l);
    if (!PyList_Check(arg))
        Py_DECREF(l);
    return PyLong_FromSsize_t(n);
}

static PyMethodDef methods[] = {
    {"count", count, METH_O, NULL},
    {"count_copy", count_copy, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
