#include <Python.h>

/* Three items, always: every path that completes the loop passes through
   it three times, more than the inference's two passes. */
PyObject *
first_three(PyObject *seq)
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    for (int i = 0; i < 3; i++) {
        PyObject *x = PySequence_GetItem(seq, i);
        if (x == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        if (PyList_Append(list, x) < 0) {
            Py_DECREF(x);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(x);
    }
    return list;
}
