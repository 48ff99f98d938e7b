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

/* The same for an int helper that returns 0 with an exception on each
   failure and 1 after the loop (python-gammu's gammu_create_errors): the
   paths seen all fail, so it is not "never fails" either. */
int
add_errors(PyObject *d)
{
    for (int i = 0; i < 3; i++) {
        PyObject *code = PyLong_FromLong(i);
        if (code == NULL)
            return 0;
        int r = PyDict_SetItemString(d, "code", code);
        Py_DECREF(code);
        if (r < 0)
            return 0;
    }
    return 1;
}
