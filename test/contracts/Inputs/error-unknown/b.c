#include <Python.h>

/* A C library outside the project: whether it raises is not known. */
extern long table_find(PyObject *key);

/* NULL when the library finds nothing (did it raise? its code is not
   here), or when PyLong_FromLong fails (an exception is set): the failing
   paths do not agree. */
PyObject *find_index(PyObject *key) {
    long ix = table_find(key);
    if (ix < 0)
        return NULL;
    return PyLong_FromLong(ix);
}

/* Every failing path sets an exception. */
PyObject *find_index_strict(PyObject *key) {
    long ix = table_find(key);
    if (ix < 0) {
        PyErr_SetString(PyExc_KeyError, "not in the table");
        return NULL;
    }
    return PyLong_FromLong(ix);
}
