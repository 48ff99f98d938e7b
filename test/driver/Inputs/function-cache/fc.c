/* Three top-level functions and a helper that only one of them calls. */
#include <Python.h>

#define LIMIT 3

/* Made when k is 7: a leak, but its caller never passes 7, so the cold
   run, which explores it only inside that caller, reports nothing. */
static PyObject *pick(long k) {
    if (k == 7) {
        PyObject *t = PyList_New(0);
        return NULL;
    }
    return PyLong_FromLong(k);
}

PyObject *caller(PyObject *self, PyObject *args) {
    return pick(1);
}

PyObject *leaky_a(PyObject *self, PyObject *args) {
    PyObject *l = PyList_New(LIMIT);
    if (l == NULL)
        return NULL;
    Py_RETURN_NONE;
}

PyObject *leaky_b(PyObject *self, PyObject *args) {
    PyObject *d = PyDict_New();
    if (d == NULL)
        return NULL;
    Py_RETURN_NONE;
}
