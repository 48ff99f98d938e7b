// The twin of dict-contains-getitem.c: a PyDict_GetItem whose key no
// PyDict_Contains found present, on this dict, may return NULL.
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
#include <Python.h>

static PyObject *
other_key(PyObject *self, PyObject *args)
{
    PyObject *map, *key, *other;
    if (!PyArg_ParseTuple(args, "O!OO", &PyDict_Type, &map, &key, &other))
        return NULL;
    if (PyDict_Contains(map, key)) {
        PyObject *v = PyDict_GetItem(map, other);
        Py_INCREF(v); // expected-warning {{Result of 'PyDict_GetItem' may be NULL and is passed to 'Py_INCREF' without a NULL check}}
        return v;
    }
    return Py_NewRef(Py_None);
}

static PyObject *
not_found(PyObject *self, PyObject *args)
{
    PyObject *map, *key;
    if (!PyArg_ParseTuple(args, "O!O", &PyDict_Type, &map, &key))
        return NULL;
    if (!PyDict_Contains(map, key)) {
        PyObject *v = PyDict_GetItem(map, key);
        Py_INCREF(v); // expected-warning {{Result of 'PyDict_GetItem' may be NULL and is passed to 'Py_INCREF' without a NULL check}}
        return v;
    }
    return Py_NewRef(Py_None);
}

static PyMethodDef methods[] = {
    {"other_key", other_key, METH_VARARGS, NULL},
    {"not_found", not_found, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
