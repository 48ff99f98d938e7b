#include <Python.h>

/* Leaks the object made on a loop's third pass (i == 2). A path may
   enter a block three times by default: two passes and the exit. */
static PyObject *
third_pass(PyObject *self, PyObject *arg)
{
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n == -1 && PyErr_Occurred())
        return NULL;
    PyObject *kept = NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (i == 2)
            kept = PyLong_FromSsize_t(i);
    }
    (void)kept;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"third_pass", third_pass, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
