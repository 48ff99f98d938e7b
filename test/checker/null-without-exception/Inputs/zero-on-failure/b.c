#include <Python.h>

/* "True on success": 0 with an exception set, 1 otherwise. */
int parse_flags(PyObject *obj, long *out) {
    if (!PyLong_Check(obj)) {
        PyErr_SetString(PyExc_TypeError, "flags must be an int");
        return 0;
    }
    *out = 1;
    return 1;
}

/* Same shape, but its 0 comes with no exception: callers must set one. */
int is_small(PyObject *obj) {
    if (!PyLong_Check(obj))
        return 0;
    return 1;
}
