#include <Python.h>

/* Always a new list (NULL on failure): never Py_None. */
PyObject *collect(long n) {
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    for (long i = 0; i < n; i++) {
        PyObject *v = PyLong_FromLong(i);
        if (v == NULL || PyList_Append(list, v) < 0) {
            Py_XDECREF(v);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(v);
    }
    return list;
}

/* A new reference that may be Py_None. */
PyObject *collect_or_none(long n) {
    if (n == 0)
        Py_RETURN_NONE;
    return collect(n);
}

/* Fresh (never None) but not always new: PyObject_Str of a str is the
 * argument itself. */
PyObject *text_of(PyObject *o) {
    return PyObject_Str(o);
}

/* Fresh too: an object taken off a free list is made anew by
 * _Py_NewReference (CPython's new_dict, behind _PyDict_FromItems). */
static PyObject *free_list[8];
static int numfree;

PyObject *recycle(void) {
    PyObject *op;
    if (numfree) {
        op = free_list[--numfree];
        _Py_NewReference(op);
    }
    else {
        op = PyList_New(0);
        if (op == NULL)
            return NULL;
    }
    return op;
}
