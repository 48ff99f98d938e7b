// A helper that finds a dict's key with PyDict_Next and returns it (cffi's
// get_field_name) returns a borrowed reference: PyDict_Next puts borrowed
// references into its key and value. Where the analyzer does not follow the
// helper (its loop ran past the analyzer's bound), its result is still
// judged as borrowed. The caller that passes it to PyTuple_Pack, which
// takes references of its own, leaks nothing.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *key_of(PyObject *d, PyObject *value);

static PyObject *
pair_with_key(PyObject *self, PyObject *d)
{
    PyObject *o = PyTuple_Pack(2, key_of(d, self), self);
    if (!o)
        return NULL;
    return o;
}

static PyObject *
key_of(PyObject *d, PyObject *value)
{
    Py_ssize_t i = 0;
    PyObject *k, *v;
    while (PyDict_Next(d, &i, &k, &v)) {
        if (v == value)
            return k;
    }
    Py_FatalError("no such value");
    return NULL;
}
