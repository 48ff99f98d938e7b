#include <Python.h>

typedef void (*free_fn)(void *);
/* A C library that keeps user data and frees it with free_data. */
int lib_watch(int fd, void *data, free_fn free_data);

void release_data(PyObject *data);

/* Clean: the library owns the new reference and releases it through
   release_data. */
static PyObject *watch(PyObject *self, PyObject *callback) {
    Py_INCREF(callback);
    if (lib_watch(0, callback, (free_fn)release_data) < 0) {
        Py_DECREF(callback);
        return PyErr_NoMemory();
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"watch", watch, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
