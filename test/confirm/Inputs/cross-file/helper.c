/* No Python-visible name in this file: the leak is reached from module.c. */
#include <Python.h>

static PyObject *number_and_list(void) {
    PyObject *l = PyList_New(0);
    return PyLong_FromLong(1); /* leaks l */
}

PyObject *make_number(void) { return number_and_list(); }
