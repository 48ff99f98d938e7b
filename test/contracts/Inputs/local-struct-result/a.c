#include <Python.h>

typedef struct {
    PyObject *list;
    Py_ssize_t count;
} Acc;

PyObject *collect(PyObject *obj);
PyObject *cached(void);

int fill(PyObject *obj, Acc *acc) {
    acc->count++;
    return PyList_Append(acc->list, obj);
}

/* Clean: collect's result is released once. */
static PyObject *size_of(PyObject *self, PyObject *obj) {
    PyObject *r = collect(obj);
    if (r == NULL)
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(r);
    Py_DECREF(r);
    return PyLong_FromSsize_t(n);
}

/* Buggy: cached() lends its result; releasing it is an over-release. */
static PyObject *drop_cached(PyObject *self, PyObject *unused) {
    PyObject *r = cached();
    if (r == NULL)
        Py_RETURN_NONE;
    Py_DECREF(r);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"size_of", size_of, METH_O, NULL},
    {"drop_cached", drop_cached, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
