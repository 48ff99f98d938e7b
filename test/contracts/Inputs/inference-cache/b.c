/* The project's helpers: a static helper, the function a.c calls that
   returns what the helper gives, and one that has nothing to do with
   either. */
#include <Python.h>

static PyObject *own(PyObject *o) {
    Py_INCREF(o);
    return o;
}

PyObject *wrap(PyObject *o) {
    return own(o);
}

PyObject *fresh(long v) {
    return PyLong_FromLong(v);
}
