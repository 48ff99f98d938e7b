#include <Python.h>

PyObject *holder_call(PyObject *(*fn)(PyObject *), PyObject *arg);

/* Buggy: the list is never released. */
static PyObject *leaky(PyObject *self, PyObject *arg) {
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    return holder_call(PyObject_Repr, arg);
}

static PyMethodDef methods[] = {
    {"leaky", leaky, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
