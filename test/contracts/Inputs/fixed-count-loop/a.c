#include <Python.h>

PyObject *first_three(PyObject *seq);

/* Another file may call this one too. */
PyObject *
count_three(PyObject *seq)
{
    PyObject *items = first_three(seq);
    if (items == NULL)
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(items);
    Py_DECREF(items);
    return PyLong_FromSsize_t(n);
}

static PyObject *
count(PyObject *self, PyObject *seq)
{
    return count_three(seq);
}


int add_errors(PyObject *d);

static PyObject *
fill(PyObject *self, PyObject *d)
{
    if (!add_errors(d))
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"count", count, METH_O, NULL},
    {"fill", fill, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
