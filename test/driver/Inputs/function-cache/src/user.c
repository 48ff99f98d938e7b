#include <Python.h>

PyObject *make_pair(long a, long b);
PyObject *wrap_pair(long a);

PyObject *use_pair(PyObject *self, PyObject *args) {
    return make_pair(3, 4);
}

PyObject *use_wrapped(PyObject *self, PyObject *args) {
    return wrap_pair(5);
}
