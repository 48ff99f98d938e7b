#include <Python.h>

PyObject *first_or_all(PyObject *args);
PyObject *all_or_null(PyObject *args);

typedef PyObject *(*wrapper_fn)(PyObject *, PyObject *);

/* Clean: first_or_all() never returns NULL. */
static PyObject *
length(PyObject *self, PyObject *args)
{
    PyObject *key = first_or_all(args);
    Py_ssize_t n = PyObject_Length(key);
    Py_DECREF(key);
    if (n < 0)
        return NULL;
    return PyLong_FromSsize_t(n);
}

/* Buggy twin: all_or_null() may return NULL. */
static PyObject *
length_twin(PyObject *self, PyObject *args)
{
    PyObject *key = all_or_null(args);
    Py_ssize_t n = PyObject_Length(key);
    Py_DECREF(key);
    if (n < 0)
        return NULL;
    return PyLong_FromSsize_t(n);
}

wrapper_fn wrappers[] = {length, length_twin};
