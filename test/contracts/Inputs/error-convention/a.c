#include <Python.h>

PyObject *parse_port(PyObject *obj);
int lookup_index(PyObject *name);

/* Clean: parse_port set the exception when it failed. */
static PyObject *port_of(PyObject *self, PyObject *arg) {
    PyObject *port = parse_port(arg);
    if (port == NULL)
        return NULL;
    return port;
}

/* Buggy twin: a helper of the project that fails without an exception. */
static PyObject *index_of(PyObject *self, PyObject *arg) {
    if (lookup_index(arg) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"port_of", port_of, METH_O, NULL},
    {"index_of", index_of, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
