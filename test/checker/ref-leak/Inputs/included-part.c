/* A part of the module of included-code-file.c, #included into it. */

/* Buggy: the list is never released. */
static PyObject *part_leaky(PyObject *self, PyObject *arg) {
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    return PyObject_Repr(arg); // expected-warning {{New reference from 'PyList_New' (held in 'list') is leaked}}
}

/* Clean: the list is handed to the caller. */
static PyObject *part_clean(PyObject *self, PyObject *arg) {
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    if (PyList_Append(list, arg) < 0) {
        Py_DECREF(list);
        return NULL;
    }
    return list;
}
