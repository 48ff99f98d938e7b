// PyBytes_AsString and PyList_Size read the object's own struct: on an
// instance of bytes or list, or of a subclass, they cannot fail. After
// `PyBytes_Check(o)` (the Py_TPFLAGS_BYTES_SUBCLASS bit) tested true, their
// failure branch is dead and nothing leaks on it (python-gammu's SetConfig).
// PyObject_Length is not so: a subclass's __len__ may raise. The last
// function is the buggy twin: the leak on the failure of PyObject_Length
// after PyList_Check is real.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
#include <string.h>

static char *
config_value(PyObject *value)
{
    PyObject *str;
    if (PyBytes_Check(value)) {
        Py_INCREF(value);
        str = value;
    } else {
        str = PyUnicode_EncodeFSDefault(value);
        if (str == NULL)
            return NULL;
    }
    char *v = PyBytes_AsString(str);
    if (v == NULL)
        return NULL;
    char *r = strdup(v);
    Py_DECREF(str);
    return r;
}

static Py_ssize_t
items_count(PyObject *holder)
{
    PyObject *items = PyObject_GetAttrString(holder, "items");
    if (items == NULL)
        return -1;
    if (!PyList_Check(items)) {
        Py_DECREF(items);
        PyErr_SetString(PyExc_TypeError, "items must be a list");
        return -1;
    }
    Py_ssize_t n = PyList_Size(items);
    if (n < 0)
        return -1;
    Py_DECREF(items);
    return n;
}

static Py_ssize_t
items_length(PyObject *holder)
{
    PyObject *items = PyObject_GetAttrString(holder, "items");
    if (items == NULL)
        return -1;
    if (!PyList_Check(items)) {
        Py_DECREF(items);
        PyErr_SetString(PyExc_TypeError, "items must be a list");
        return -1;
    }
    Py_ssize_t n = PyObject_Length(items);
    if (n < 0)
        return -1; // expected-warning {{New reference from 'PyObject_GetAttrString' (held in 'items') is leaked}}
    Py_DECREF(items);
    return n;
}
