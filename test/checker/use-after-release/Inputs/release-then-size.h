/* A project's own header with the bug in it: the report stays here. */
static inline Py_ssize_t
release_then_size(PyObject *list)
{
    Py_DECREF(list);
    return PyList_GET_SIZE(list);
}
