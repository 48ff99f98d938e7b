// Two objects the path's type checks told apart are not one object: where
// `opts` failed PyDict_Check and `param`, taken from the module, passed
// it, `param != opts` is true and the reference is released (cvxopt's
// glpk.c, which uses the caller's options dict or the module's). The
// twin forgets the release on the error branch: that leak is real.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *module;

static PyObject *
options_count(PyObject *self, PyObject *opts)
{
    PyObject *param;
    if (opts && PyDict_Check(opts))
        param = opts;
    else
        param = PyObject_GetAttrString(module, "options");
    if (param == NULL)
        return NULL;
    if (!PyDict_Check(param)) {
        Py_DECREF(param);
        PyErr_SetString(PyExc_TypeError, "options must be a dict");
        return NULL;
    }
    Py_ssize_t n = PyDict_Size(param);
    if (param != opts)
        Py_DECREF(param);
    return PyLong_FromSsize_t(n);
}

static PyObject *
options_count_leaky(PyObject *self, PyObject *opts)
{
    PyObject *param;
    if (opts && PyDict_Check(opts))
        param = opts;
    else
        param = PyObject_GetAttrString(module, "options");
    if (param == NULL)
        return NULL;
    if (!PyDict_Check(param)) {
        PyErr_SetString(PyExc_TypeError, "options must be a dict"); // expected-warning {{New reference from 'PyObject_GetAttrString' (held in 'param') is leaked}}
        return NULL;
    }
    Py_ssize_t n = PyDict_Size(param);
    if (param != opts)
        Py_DECREF(param);
    return PyLong_FromSsize_t(n);
}
