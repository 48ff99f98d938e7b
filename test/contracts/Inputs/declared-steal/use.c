#include <Python.h>
#include "bytes.h"

/* Correct: one reference for take_bytes to take, one kept for us. */
PyObject *as_bytes(PyObject *o) {
    PyObject *name = PyObject_GetAttrString(o, "name");
    PyObject *res;
    if (name == NULL)
        return NULL;
    Py_INCREF(name);
    res = take_bytes(name);
    Py_DECREF(name);
    return res;
}

/* Wrong: take_bytes took the only reference. */
PyObject *as_bytes_twice_released(PyObject *o) {
    PyObject *name = PyObject_GetAttrString(o, "name");
    PyObject *res;
    if (name == NULL)
        return NULL;
    res = take_bytes(name);
    Py_DECREF(name);
    return res;
}
