#include <Python.h>

int put_item(PyObject *list, PyObject *item, int n);

PyObject *fill(PyObject *list) {
    PyObject *v = PyLong_FromLong(1);
    if (v == NULL)
        return NULL;
    if (put_item(list, v, 3) < 0)
        return NULL;
    Py_RETURN_NONE;
}
