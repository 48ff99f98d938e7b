#include <Python.h>

PyObject *lookup(PyObject *d, const char *key);

/* Inferred first, in the same process: its Py_INCREF must not make the
   next file's Py_INCREF invisible. */
PyObject *first(PyObject *o) {
    Py_INCREF(o);
    return o;
}

static PyObject *use(PyObject *self, PyObject *d) {
    return lookup(d, "key");
}

static PyMethodDef methods[] = {
    {"use", use, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
