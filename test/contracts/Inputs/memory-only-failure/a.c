#include <Python.h>

PyObject *make_pair(long a, long b);
PyObject *make_named(PyObject *obj);

/* The list leaks only when make_pair fails, which needs memory to run
   out: allocation-failure. */
static PyObject *
pairs(PyObject *self, PyObject *arg)
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    PyObject *p = make_pair(1000, 2000);
    if (p == NULL)
        return NULL;
    if (PyList_Append(list, p) < 0) {
        Py_DECREF(p);
        Py_DECREF(list);
        return NULL;
    }
    Py_DECREF(p);
    return list;
}

/* make_named also fails on a missing attribute: error-path. */
static PyObject *
names(PyObject *self, PyObject *arg)
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    PyObject *p = make_named(arg);
    if (p == NULL)
        return NULL;
    if (PyList_Append(list, p) < 0) {
        Py_DECREF(p);
        Py_DECREF(list);
        return NULL;
    }
    Py_DECREF(p);
    return list;
}

static PyMethodDef methods[] = {
    {"pairs", pairs, METH_O, NULL},
    {"names", names, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
