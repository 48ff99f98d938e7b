#include <Python.h>

static PyObject *last_seen;

/* Keeps the caller's reference in a global. */
void remember(PyObject *obj) {
    Py_XDECREF(last_seen);
    last_seen = obj;
}
