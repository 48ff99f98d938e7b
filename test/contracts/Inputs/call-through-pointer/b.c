#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *callback;
} Holder;

/* Calls through function pointers (Py_VISIT's visitproc, a stored
   callback) have no declaration to look a contract up by. */
int holder_traverse(Holder *self, visitproc visit, void *arg) {
    Py_VISIT(self->callback);
    return 0;
}

PyObject *holder_call(PyObject *(*fn)(PyObject *), PyObject *arg) {
    return fn(arg);
}
