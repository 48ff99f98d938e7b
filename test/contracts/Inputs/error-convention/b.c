#include <Python.h>

/* Fails with an exception set, or returns a new reference. */
PyObject *parse_port(PyObject *obj) {
    long port = PyLong_AsLong(obj);
    if (port == -1 && PyErr_Occurred())
        return NULL;
    if (port < 0 || port > 65535) {
        PyErr_SetString(PyExc_ValueError, "port out of range");
        return NULL;
    }
    return PyLong_FromLong(port);
}

/* Fails (-1) without setting an exception: its callers must set one. */
int lookup_index(PyObject *name) {
    if (!PyUnicode_Check(name))
        return -1;
    return 0;
}
