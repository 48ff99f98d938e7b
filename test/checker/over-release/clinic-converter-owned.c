// Argument Clinic: when the generated wrapper fills a parameter with a
// converter that gives a new reference (PyUnicode_FSConverter,
// PyUnicode_FSDecoder) and passes it on, the `_impl` function owns that
// parameter and must release it. Releasing an ordinary parameter is still
// an over-release.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
open_path_impl(PyObject *module, PyObject *path)
{
    const char *p = PyBytes_AS_STRING(path);
    PyObject *r = PyLong_FromLong((long)p[0]);
    Py_DECREF(path);                 /* owned: the converter made it */
    return r;
}

static PyObject *
open_path(PyObject *module, PyObject *arg)
{
    PyObject *return_value = NULL;
    PyObject *path = NULL;
    if (!PyUnicode_FSConverter(arg, &path))
        goto exit;
    return_value = open_path_impl(module, path);
exit:
    return return_value;
}

static PyObject *
plain_impl(PyObject *module, PyObject *name)
{
    Py_DECREF(name); // expected-warning {{Borrowed reference (a parameter) is released; the code does not own it}}
    Py_RETURN_NONE;
}

static PyObject *
plain(PyObject *module, PyObject *arg)
{
    return plain_impl(module, arg);
}
