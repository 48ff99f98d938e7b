#include <Python.h>

/* Adds up the first n items: borrows `seq`, on every pass alike. */
long
sum_items(PyObject *seq, Py_ssize_t n)
{
    long total = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PySequence_GetItem(seq, i);
        if (item == NULL)
            return -1;
        total += PyLong_AsLong(item);
        Py_DECREF(item);
    }
    return total;
}

/* Bug: the object made on the second pass (i == 1) is leaked. A path
   of the analysis may enter a block three times: two passes and the
   loop's exit. The inference of this file, in the same parse, allows
   two: one pass and the exit. */
static PyObject *
second_pass(PyObject *self, PyObject *arg)
{
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n == -1 && PyErr_Occurred())
        return NULL;
    PyObject *kept = NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (i == 1)
            kept = PyLong_FromSsize_t(i);
    }
    (void)kept;
    Py_RETURN_NONE;
}

static PyMethodDef a_methods[] = {
    {"second_pass", second_pass, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
