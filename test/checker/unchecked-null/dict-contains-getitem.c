// PyDict_GetItem returns NULL when the key is missing. After PyDict_Contains
// on the same dict and key tested true, the key is there: the lookup's
// result needs no NULL check (pylibmc's key_str_map lookups).
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
original_key(PyObject *self, PyObject *args)
{
    PyObject *map, *key;
    if (!PyArg_ParseTuple(args, "O!O", &PyDict_Type, &map, &key))
        return NULL;
    if (PyDict_Contains(map, key)) {
        PyObject *orig = PyDict_GetItem(map, key);
        Py_INCREF(orig);
        return orig;
    }
    return Py_NewRef(key);
}

static PyObject *
original_key_stored(PyObject *self, PyObject *args)
{
    PyObject *map, *key;
    if (!PyArg_ParseTuple(args, "O!O", &PyDict_Type, &map, &key))
        return NULL;
    /* The answer kept in a variable and tested later. */
    int found = PyDict_Contains(map, key);
    if (found < 0)
        return NULL;
    if (found == 0)
        return Py_NewRef(key);
    PyObject *orig = PyDict_GetItemWithError(map, key);
    Py_INCREF(orig);
    return orig;
}

static PyMethodDef methods[] = {
    {"original_key", original_key, METH_VARARGS, NULL},
    {"original_key_stored", original_key_stored, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
