#include <Python.h>

int consume(PyObject *obj);
int relay_again(PyObject *obj);

/* Takes the reference, through consume() in b.c. */
int relay(PyObject *obj) {
    return consume(obj);
}

/* Clean: the new reference goes to relay_again(). */
static PyObject *store(PyObject *self, PyObject *unused) {
    PyObject *n = PyLong_FromLong(1);
    if (n == NULL)
        return NULL;
    relay_again(n);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"store", store, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
