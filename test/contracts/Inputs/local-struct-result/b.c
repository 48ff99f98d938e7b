#include <Python.h>

typedef struct {
    PyObject *list;
    Py_ssize_t count;
} Acc;

int fill(PyObject *obj, Acc *acc);

/* Returns the new list it keeps in a local struct, after handing the
   struct's address to another file's function: the engine no longer knows
   what the field holds, so the contract says "unknown", not "borrowed". */
PyObject *collect(PyObject *obj) {
    Acc acc;
    acc.count = 0;
    acc.list = PyList_New(0);
    if (acc.list == NULL)
        return NULL;
    if (fill(obj, &acc) < 0) {
        Py_DECREF(acc.list);
        return NULL;
    }
    return acc.list;
}

static struct {
    PyObject *last;
} cache;

/* Returns what a static struct holds: borrowed. */
PyObject *cached(void) {
    return cache.last;
}
