// Impact: allocation-failure, even when the path shown passes an error
// branch. The crash needs PyDict_New to fail, which happens only when memory
// runs out, so the bug is no more frequent than that, whether or not the
// optional attribute was missing on the way (pycups' dictionaries built
// after an optional lookup). Nor is a call blamed that failed only because
// it was handed the NULL (PyObject_CallMethod on a NULL separator).
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
#include <Python.h>

static PyObject *
attrs_as_dict(PyObject *self, PyObject *obj)
{
    PyObject *name = PyObject_GetAttrString(obj, "name");
    if (name == NULL)
        PyErr_Clear(); /* optional */
    PyObject *d = PyDict_New();
    if (PyDict_SetItemString(d, "name", name ? name : Py_None) < 0) { // expected-warning {{Result of 'PyDict_New' may be NULL and is passed to 'PyDict_SetItemString' without a NULL check [refcheck.unchecked-null] [allocation-failure: when 'PyDict_New' fails]}}
        Py_XDECREF(name);
        Py_DECREF(d);
        return NULL;
    }
    Py_XDECREF(name);
    return d;
}

static PyObject *
join_words(PyObject *self, PyObject *words)
{
    PyObject *sep = PyUnicode_FromString(", ");
    PyObject *r = PyObject_CallMethod(sep, "join", "O", words);
    Py_DECREF(sep); // expected-warning {{Result of 'PyUnicode_FromString' is NULL here and is passed to 'Py_DECREF' [refcheck.unchecked-null] [allocation-failure: when 'PyUnicode_FromString' fails]}}
    return r;
}

static PyMethodDef methods[] = {
    {"attrs_as_dict", attrs_as_dict, METH_O, NULL},
    {"join_words", join_words, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
