// After Py_DECREF of our last reference the object may be gone.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
late_use(PyObject *self, PyObject *args)
{
    PyObject *s = PyUnicode_FromString("x");
    if (s == NULL)
        return NULL;
    Py_DECREF(s);
    return PyObject_Repr(s); // expected-warning {{Object passed to 'PyObject_Repr' after its reference was released}}
}

static Py_ssize_t
late_deref(PyObject *self, PyObject *args)
{
    PyObject *l = PyList_New(0);
    if (l == NULL)
        return -1;
    Py_DECREF(l);
    return l->ob_refcnt; // expected-warning {{Object dereferenced after its last reference was released}}
}
