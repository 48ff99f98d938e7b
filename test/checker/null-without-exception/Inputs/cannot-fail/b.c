#include <Python.h>

/* Never fails: every path returns a value >= 0 (psycopg2's typecast_add). */
int count_items(PyObject *obj) {
    if (!PyTuple_Check(obj))
        return 0;
    return 1;
}

/* Fails with -1, and sets no exception: callers must set one. */
int find_item(PyObject *obj) {
    if (!PyTuple_Check(obj))
        return -1;
    return 0;
}
