// The corrected twins of the over-release tests: release only what you own.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
get_and_keep(PyObject *self, PyObject *dict)
{
    PyObject *v = PyDict_GetItemString(dict, "key");
    if (v == NULL)
        Py_RETURN_NONE;
    return Py_NewRef(v);
}

static PyObject *
once(PyObject *self, PyObject *args)
{
    PyObject *l = PyList_New(0);
    if (l == NULL)
        return NULL;
    Py_INCREF(l);
    Py_DECREF(l);
    Py_DECREF(l);
    Py_RETURN_NONE;
}

static PyObject *
keep_param(PyObject *self, PyObject *arg)
{
    Py_INCREF(arg);
    Py_DECREF(arg);
    Py_RETURN_NONE;
}
