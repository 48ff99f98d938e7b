// PyDict_GetItemRef and PyErr_Fetch hand out new references through
// out-parameters: they must be released like any other.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

/* PyDict_GetItemRef is new in 3.13; declare it for older headers. */
int PyDict_GetItemRef(PyObject *p, PyObject *key, PyObject **result);

static PyObject *
has_key(PyObject *self, PyObject *args)
{
    PyObject *d = PyDict_New(), *v;
    if (d == NULL)
        return NULL;
    // `v` is never used: the reference it receives is lost at once.
    int rc = PyDict_GetItemRef(d, d, &v); // expected-warning {{New reference from 'PyDict_GetItemRef' (held in 'v') is leaked}}
    Py_DECREF(d);
    if (rc < 0)
        return NULL;
    return PyBool_FromLong(rc);
}

static PyObject *
has_key_fixed(PyObject *self, PyObject *args)
{
    PyObject *d = PyDict_New(), *v;
    if (d == NULL)
        return NULL;
    int rc = PyDict_GetItemRef(d, d, &v);
    Py_DECREF(d);
    if (rc < 0)
        return NULL;
    Py_XDECREF(v);               /* NULL when not found */
    return PyBool_FromLong(rc);
}

static PyObject *
swallow(PyObject *self, PyObject *args)
{
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    // `tb` is never used, so its reference is lost right after the call.
    Py_XDECREF(t); // expected-warning {{New reference from 'PyErr_Fetch' (held in 'tb') is leaked}}
    Py_XDECREF(v);
    Py_RETURN_NONE;
}
