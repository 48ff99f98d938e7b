#include <Python.h>

/* A borrowed item, with a reference taken before it is returned: a new
   reference. */
PyObject *lookup(PyObject *d, const char *key) {
    PyObject *v = PyDict_GetItemString(d, key);
    if (v == NULL)
        return NULL;
    Py_INCREF(v);
    return v;
}
