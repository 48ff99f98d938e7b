#include <Python.h>

PyObject *make_pair(long a, long b);

PyObject *use_pair(PyObject *self, PyObject *args) {
    return make_pair(3, 4);
}
