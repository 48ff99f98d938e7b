/* Functions another file calls: each gets an inferred contract, which
   says where the function is (its line). */
#include <Python.h>

PyObject *make_pair(long a, long b) {
    PyObject *t = PyTuple_New(2);
    if (t == NULL)
        return NULL;
    PyTuple_SET_ITEM(t, 0, PyLong_FromLong(a));
    PyTuple_SET_ITEM(t, 1, PyLong_FromLong(b));
    return t;
}

PyObject *leaky_here(PyObject *self, PyObject *args) {
    PyObject *p = make_pair(1, 2);
    if (p == NULL)
        return NULL;
    Py_RETURN_NONE;
}
