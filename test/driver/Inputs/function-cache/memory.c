/* scan's loop has no known bound: the first exploration that goes into it
   runs past the loop bound there, and the analyzer goes into scan no more
   in this unit: the calls after read its contract instead. */
#include <Python.h>

static PyObject *scan(PyObject *o, Py_ssize_t n) {
    for (Py_ssize_t i = 0; i < n; i++)
        if (PyErr_Occurred())
            return NULL;
    return PyList_New(0);
}

PyObject *first(PyObject *self, PyObject *o) {
    PyObject *r = scan(o, PyObject_Length(o));
    if (r == NULL)
        return NULL;
    Py_RETURN_NONE;
}

PyObject *second(PyObject *self, PyObject *o) {
    PyObject *r = scan(o, PyObject_Length(o));
    if (r == NULL)
        return NULL;
    Py_RETURN_NONE;
}
