#include <Python.h>

/* Builds the attribute, caches it in the dict and returns it: the dict
   holds the one reference (a borrowed result). The loop keeps the analyzer
   from following it where it is called. */
static PyObject *
cached_attr(PyObject *dict, PyObject *aliases, PyObject *name)
{
    PyObject *x;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(aliases); i++) {
        x = PyDict_GetItem(dict, PyTuple_GET_ITEM(aliases, i));
        if (x != NULL)
            return x;
    }
    x = PyLong_FromLong(42);
    if (x == NULL)
        return NULL;
    if (PyDict_SetItem(dict, name, x) < 0) {
        Py_DECREF(x);
        return NULL;
    }
    Py_DECREF(x);
    return x;
}

PyObject *
lookup_attr(PyObject *dict, PyObject *aliases, PyObject *name)
{
    return cached_attr(dict, aliases, name);
}

/* Releases what it borrowed: the bug the contract still shows. */
PyObject *
drop_attr(PyObject *dict, PyObject *aliases, PyObject *name)
{
    PyObject *x = cached_attr(dict, aliases, name);
    if (x == NULL)
        return NULL;
    Py_DECREF(x);
    Py_RETURN_NONE;
}
