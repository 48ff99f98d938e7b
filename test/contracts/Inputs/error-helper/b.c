#include <Python.h>

/* Always fails, with an exception set. */
PyObject *raise_bad_value(const char *what) {
    PyErr_Format(PyExc_ValueError, "bad value: %s", what);
    return NULL;
}
