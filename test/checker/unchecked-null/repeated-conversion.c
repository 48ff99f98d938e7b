// Converting the same object twice gives the same value. When the first
// conversion's value was checked (here: a range check that excludes -1),
// the second one cannot fail either: CPython's str.translate looks a code
// point up, checks its range in charmaptranslate_lookup, and converts the
// same int again later ("PyLong_AS_LONG() cannot fail, ... already
// checked"). A second conversion of an object never checked is still
// reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static int
lookup(PyObject *map, PyObject *key, PyObject **out)
{
    PyObject *x = PyObject_GetItem(map, key);
    if (x == NULL)
        return -1;
    long v = PyLong_AsLong(x);
    if (v < 0 || v > 0x10ffff) {
        PyErr_SetString(PyExc_ValueError, "out of range");
        Py_DECREF(x);
        return -1;
    }
    *out = x;
    return 0;
}

static PyObject *
translate(PyObject *self, PyObject *args)
{
    PyObject *map, *key, *x;
    if (!PyArg_ParseTuple(args, "OO", &map, &key))
        return NULL;
    if (lookup(map, key, &x) < 0)
        return NULL;
    long ch = PyLong_AsLong(x); // checked by lookup()
    Py_DECREF(x);
    return PyLong_FromLong(ch);
}

static PyObject *
translate_unchecked(PyObject *self, PyObject *args)
{
    PyObject *map, *key, *x;
    if (!PyArg_ParseTuple(args, "OO", &map, &key))
        return NULL;
    x = PyObject_GetItem(map, key);
    if (x == NULL)
        return NULL;
    long ch = PyLong_AsLong(x);
    long again = PyLong_AsLong(x);
    Py_DECREF(x);
    return PyLong_FromLong(ch + again); // expected-warning {{Result of 'PyLong_AsLong' may be -1 with an exception set, and the function returns success without checking PyErr_Occurred()}}
}

static PyMethodDef methods[] = {
    {"translate", translate, METH_VARARGS, NULL},
    {"translate_unchecked", translate_unchecked, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
