#include <Python.h>

long sum_items(PyObject *seq, Py_ssize_t n);

/* Clean: sum_items() borrows the list. */
static PyObject *
total(PyObject *self, PyObject *arg)
{
    PyObject *list = PySequence_List(arg);
    if (list == NULL)
        return NULL;
    long t = sum_items(list, PyList_GET_SIZE(list));
    Py_DECREF(list);
    return PyLong_FromLong(t);
}

static PyMethodDef b_methods[] = {
    {"total", total, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
