#include <Python.h>

PyObject *raise_bad_value(const char *what);

/* Clean: the helper's result is always NULL, so ignoring it leaks nothing. */
static PyObject *make(PyObject *self, PyObject *arg) {
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    if (!PyLong_Check(arg)) {
        raise_bad_value("not an int");
        Py_DECREF(list);
        return NULL;
    }
    return list;
}

/* Buggy twin: the list is lost on the error path. */
static PyObject *make_leaky(PyObject *self, PyObject *arg) {
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    if (!PyLong_Check(arg))
        return raise_bad_value("not an int");
    return list;
}

static PyMethodDef methods[] = {
    {"make", make, METH_O, NULL},
    {"make_leaky", make_leaky, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
