// Before Python 3.8, Py_DECREF expands to _Py_Dealloc, itself a macro that
// reads the type's tp_dealloc through the object and calls it once the
// count reaches zero. That read and call are the release itself, not a use
// of the freed object; a real use after the release is still reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include "Inputs/py37/Python.h"

static PyObject *
release_once(PyObject *self, PyObject *arg)
{
    PyObject *r = PyObject_Repr(arg);
    if (r == NULL)
        return NULL;
    Py_DECREF(r);
    Py_RETURN_NONE;
}

static PyObject *
release_in_loop(PyObject *self, PyObject *arg)
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    for (int i = 0; i < 3; i++) {
        PyObject *v = PyLong_FromLong(i);
        if (v == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        if (PyList_Append(list, v) < 0) {
            Py_DECREF(v);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(v);
    }
    return list;
}

static const char *
name_after_release(PyObject *self, PyObject *arg)
{
    PyObject *r = PyObject_Repr(arg);
    if (r == NULL)
        return NULL;
    Py_DECREF(r);
    return Py_TYPE(r)->tp_name; // expected-warning {{Object dereferenced after its last reference was released}}
}
