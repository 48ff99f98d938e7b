// Building a list and a tuple in loops, correctly: PyList_Append borrows (so
// the item is released), PyTuple_SET_ITEM steals (so it is not).
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
squares(PyObject *self, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    for (long i = 0; i < n; i++) {
        PyObject *item = PyLong_FromLong(i * i);
        if (item == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        int rc = PyList_Append(list, item);
        Py_DECREF(item);
        if (rc < 0) {
            Py_DECREF(list);
            return NULL;
        }
    }
    return list;
}

static PyObject *
range_tuple(PyObject *self, PyObject *arg)
{
    Py_ssize_t n = 4;
    PyObject *t = PyTuple_New(n);
    if (t == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyLong_FromSsize_t(i);
        if (item == NULL) {
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, i, item);
    }
    return t;
}

static PyObject *
list_by_index(PyObject *self, PyObject *arg)
{
    PyObject *l = PyList_New(3);
    if (l == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < 3; i++) {
        PyObject *item = PyLong_FromSsize_t(i);
        if (item == NULL || PyList_SetItem(l, i, item) < 0) {
            Py_DECREF(l);
            return NULL;
        }
    }
    return l;
}
