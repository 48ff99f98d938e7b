// The twin of heap-type-name.c: the name of a static type (or of a type
// refcheck knows nothing about) is a new str, and allocating it can fail.
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
#include <Python.h>

static PyObject *
static_type_name(PyObject *self, PyObject *unused)
{
    PyObject *name = PyType_GetName(&PyLong_Type);
    Py_DECREF(name); // expected-warning {{Result of 'PyType_GetName' may be NULL and is passed to 'Py_DECREF' without a NULL check}}
    return Py_NewRef(Py_None);
}

static PyObject *
arg_type_qualname(PyObject *self, PyObject *arg)
{
    PyObject *name = PyType_GetQualName(Py_TYPE(arg));
    Py_DECREF(name); // expected-warning {{Result of 'PyType_GetQualName' may be NULL and is passed to 'Py_DECREF' without a NULL check}}
    return Py_NewRef(Py_None);
}

static PyMethodDef methods[] = {
    {"static_type_name", static_type_name, METH_NOARGS, NULL},
    {"arg_type_qualname", arg_type_qualname, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
