#include <Python.h>

PyObject *find_index(PyObject *key);
PyObject *find_index_strict(PyObject *key);

/* Clean as far as anyone can tell: find_index's NULL may come without an
   exception, and then None is the answer. */
static PyObject *index_or_none(PyObject *self, PyObject *key) {
    PyObject *ix = find_index(key);
    if (ix == NULL)
        Py_RETURN_NONE;
    return ix;
}

/* Buggy twin: find_index_strict's NULL always comes with an exception,
   which returning None leaves set. */
static PyObject *strict_or_none(PyObject *self, PyObject *key) {
    PyObject *ix = find_index_strict(key);
    if (ix == NULL)
        Py_RETURN_NONE;
    return ix;
}

static PyMethodDef methods[] = {
    {"index_or_none", index_or_none, METH_O, NULL},
    {"strict_or_none", strict_or_none, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
