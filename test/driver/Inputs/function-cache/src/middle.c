#include <Python.h>

PyObject *make_pair(long a, long b);

/* user.c calls it: its contract is inferred from make_pair's. */
PyObject *wrap_pair(long a) {
    return make_pair(a, a);
}
