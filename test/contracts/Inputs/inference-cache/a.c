#include <Python.h>

PyObject *wrap(PyObject *o);
PyObject *fresh(long v);

/* wrap gives a new reference, which this leaks; once own no longer takes
   one, wrap's result is borrowed and nothing leaks here. */
PyObject *drop_wrapped(PyObject *self, PyObject *o) {
    PyObject *w = wrap(o);
    if (w == NULL)
        return NULL;
    Py_RETURN_NONE;
}

PyObject *drop_fresh(PyObject *self, PyObject *o) {
    PyObject *f = fresh(1);
    if (f == NULL)
        return NULL;
    Py_RETURN_NONE;
}
