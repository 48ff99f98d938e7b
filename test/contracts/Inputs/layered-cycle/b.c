#include <Python.h>

int relay(PyObject *obj);

static PyObject *kept;

/* Takes the caller's reference: keeps it. */
int consume(PyObject *obj) {
    Py_XSETREF(kept, obj);
    return 0;
}

/* Takes the reference too, through relay() in a.c. */
int relay_again(PyObject *obj) {
    return relay(obj);
}
