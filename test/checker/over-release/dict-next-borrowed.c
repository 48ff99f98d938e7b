// PyDict_Next lends its key and value: the dict keeps them. Releasing one
// releases a reference the code does not own.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static int
drop_keys(PyObject *d)
{
    Py_ssize_t i = 0;
    PyObject *k, *v;
    while (PyDict_Next(d, &i, &k, &v)) {
        Py_DECREF(k); // expected-warning {{Borrowed reference from 'PyDict_Next' is released; the code does not own it [refcheck.over-release]}}
    }
    return 0;
}

static int
count_owned_keys(PyObject *d)
{
    Py_ssize_t i = 0, n = 0;
    PyObject *k, *v;
    while (PyDict_Next(d, &i, &k, &v)) {
        Py_INCREF(k);
        n += PyUnicode_Check(k);
        Py_DECREF(k);
    }
    return (int)n;
}

// At the end of the dict PyDict_Next writes nothing: the variables keep
// what the loop left there (NULL after Py_CLEAR), which an error path
// after the loop may release (dict_repr's `Py_XDECREF(key)`).
static PyObject *
join_keys(PyObject *d)
{
    Py_ssize_t i = 0;
    PyObject *k = NULL, *v = NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    while (PyDict_Next(d, &i, &k, &v)) {
        Py_INCREF(k);
        Py_INCREF(v);
        if (PyList_Append(out, k) < 0)
            goto error;
        Py_CLEAR(k);
        Py_CLEAR(v);
    }
    if (PyList_Append(out, Py_None) < 0)
        goto error;
    return out;

error:
    Py_XDECREF(k);
    Py_XDECREF(v);
    Py_DECREF(out);
    return NULL;
}
