// More of CPython's cached objects (3.11): a str of one ASCII character and
// a bytes of one byte are singletons, Py_BuildValue("()") is the empty
// tuple and Py_BuildValue("") is None. None of these calls can fail, so
// their results may be used unchecked (pycups' `Py_BuildValue("()")` as
// the args of PyType_GenericNew, python-xmlsec's `PyUnicode_FromString(" ")`
// as the separator of a join).
//
// The buggy twins allocate: a two-character str and the empty dict `{}`
// are new objects, and their allocation can fail.
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
#include <Python.h>

static PyObject *
join_words(PyObject *self, PyObject *words)
{
    PyObject *sep = PyUnicode_FromString(" ");
    PyObject *r = PyObject_CallMethod(sep, "join", "O", words);
    Py_DECREF(sep);
    return r;
}

static PyObject *
split_on_nul(PyObject *self, PyObject *data)
{
    PyObject *sep = PyBytes_FromString("\xff");
    PyObject *r = PyObject_CallMethod(data, "split", "O", sep);
    Py_DECREF(sep);
    return r;
}

static PyObject *
new_instance(PyObject *self, PyObject *type)
{
    PyObject *args = Py_BuildValue("()");
    PyObject *none = Py_BuildValue("");
    PyObject *r = PyObject_Call(type, args, NULL);
    Py_DECREF(args);
    Py_DECREF(none);
    return r;
}

static PyObject *
join_words_wide(PyObject *self, PyObject *words)
{
    PyObject *sep = PyUnicode_FromString(", ");
    PyObject *r = PyObject_CallMethod(sep, "join", "O", words);
    Py_DECREF(sep); // expected-warning {{Result of 'PyUnicode_FromString' is NULL here and is passed to 'Py_DECREF'}}
    return r;
}

static PyObject *
new_instance_kw(PyObject *self, PyObject *type)
{
    PyObject *args = Py_BuildValue("()");
    PyObject *kw = Py_BuildValue("{}");
    PyObject *r = PyObject_Call(type, args, kw);
    Py_DECREF(args);
    Py_DECREF(kw); // expected-warning {{Result of 'Py_BuildValue' may be NULL and is passed to 'Py_DECREF' without a NULL check}}
    return r;
}

static PyMethodDef methods[] = {
    {"join_words", join_words, METH_O, NULL},
    {"split_on_nul", split_on_nul, METH_O, NULL},
    {"new_instance", new_instance, METH_O, NULL},
    {"join_words_wide", join_words_wide, METH_O, NULL},
    {"new_instance_kw", new_instance_kw, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
