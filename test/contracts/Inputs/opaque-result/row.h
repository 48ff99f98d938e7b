#include <Python.h>

/* The callers only see the name: the struct is defined in b.c. */
struct Row;
struct Row *row_new(PyObject *description, Py_ssize_t n, PyObject **values);
