// Impact: error-path. The twin of allocation-failure-unchecked.c with a call
// that fails for other reasons than memory (a missing attribute).
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
#include <Python.h>

static Py_ssize_t
refcount_of_name(PyObject *obj)
{
    PyObject *name = PyObject_GetAttrString(obj, "__name__");
    Py_ssize_t n = Py_TYPE(name)->tp_basicsize; // expected-warning {{Result of 'PyObject_GetAttrString' may be NULL and is passed to 'Py_TYPE' without a NULL check [refcheck.unchecked-null] [error-path: when 'PyObject_GetAttrString' fails]}}
    Py_DECREF(name);
    return n;
}
