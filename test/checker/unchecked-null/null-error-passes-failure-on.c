// Some of CPython's abstract calls check their object argument themselves:
// given NULL they return NULL (or -1) and leave the exception the NULL came
// with, setting SystemError only when none is set (null_error() in
// Objects/call.c and Objects/abstract.c: PyObject_CallFunctionObjArgs,
// PyObject_CallMethod, PyObject_CallFunction, PyObject_GetItem,
// PySequence_GetItem, PySequence_Size, PyNumber_Long, ...), and so do the
// number conversions (PyLong_AsLong and its kin return -1 with SystemError).
// Passing a failed call's NULL to one of them and checking its result passes
// the failure on (pyodbc's `e = PyObject_CallFunctionObjArgs(re_escape, s,
// 0); if (!e)`, pymongo's `v = PyLong_AsLong(PyObject_GetAttr(...))`).
// The calls that dereference their argument (PyObject_GetAttrString,
// PyObject_CallNoArgs, Py_TYPE) still crash on it, and are reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
escape(PyObject *self, PyObject *s)
{
    PyObject *re = PyImport_ImportModule("re");
    if (!re)
        return NULL;
    PyObject *fn = PyObject_GetAttrString(re, "escape");
    Py_DECREF(re);
    PyObject *r = PyObject_CallFunctionObjArgs(fn, s, NULL);
    Py_XDECREF(fn);
    return r;
}

static PyObject *
first_length(PyObject *self, PyObject *seq)
{
    PyObject *item = PySequence_GetItem(seq, 0);
    Py_ssize_t n = PySequence_Size(item);
    Py_XDECREF(item);
    if (n < 0)
        return NULL;
    return PyLong_FromSsize_t(n);
}

static PyObject *
size_attribute(PyObject *self, PyObject *obj)
{
    PyObject *size = PyObject_GetAttrString(obj, "size");
    long n = PyLong_AsLong(size);
    Py_XDECREF(size);
    if (n == -1 && PyErr_Occurred())
        return NULL;
    return PyLong_FromLong(n + 1);
}

static PyObject *
upper_name(PyObject *self, PyObject *obj)
{
    PyObject *name = PyObject_GetAttrString(obj, "name");
    return PyObject_CallMethod(name, "upper", NULL); // expected-warning {{New reference from 'PyObject_GetAttrString' (held in 'name') is leaked}}
}

static PyObject *
escape_unchecked(PyObject *self, PyObject *s)
{
    PyObject *re = PyImport_ImportModule("re");
    PyObject *fn = PyObject_GetAttrString(re, "escape"); // expected-warning {{Result of 'PyImport_ImportModule' may be NULL and is passed to 'PyObject_GetAttrString' without a NULL check}}
    Py_XDECREF(re);
    PyObject *r = PyObject_CallNoArgs(fn); // expected-warning {{Result of 'PyObject_GetAttrString' may be NULL and is passed to 'PyObject_CallNoArgs' without a NULL check}}
    Py_XDECREF(fn);
    return r;
}

static PyMethodDef methods[] = {
    {"escape", escape, METH_O, NULL},
    {"first_length", first_length, METH_O, NULL},
    {"size_attribute", size_attribute, METH_O, NULL},
    {"upper_name", upper_name, METH_O, NULL},
    {"escape_unchecked", escape_unchecked, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
