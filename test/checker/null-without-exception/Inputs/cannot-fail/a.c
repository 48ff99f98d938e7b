#include <Python.h>

int count_items(PyObject *obj);
int find_item(PyObject *obj);

/* Clean: count_items never returns < 0, so this NULL is dead code. */
static PyObject *register_items(PyObject *self, PyObject *arg) {
    if (count_items(arg) < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* Buggy twin: find_item's -1 comes with no exception. */
static PyObject *lookup_item(PyObject *self, PyObject *arg) {
    if (find_item(arg) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"register_items", register_items, METH_O, NULL},
    {"lookup_item", lookup_item, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
