// refcheck reads the headers' version (PY_MAJOR_VERSION and
// PY_MINOR_VERSION from patchlevel.h, else PY_VERSION_HEX): before 3.12,
// Py_None, Py_True and the built-in types have a reference count, and a
// reference taken on them with `ob_refcnt++` (the pre-3.8 Py_INCREF) must
// be handed on like any other.
//
// RUN: refcheck %s -- -Xclang -verify
#include "Inputs/py37/Python.h"

static PyObject *
none_leaked(PyObject *self, PyObject *arg)
{
    Py_INCREF(Py_None);
    return PyLong_FromLong(0); // expected-warning {{Reference taken with 'ob_refcnt++' on 'Py_None' is leaked}}
}

static PyObject *
none_returned(PyObject *self, PyObject *arg)
{
    Py_INCREF(Py_None);
    return Py_None;
}

static int
none_stolen_unowned(PyObject *list)
{
    return PyList_SetItem(list, 0, Py_None); // expected-warning {{'PyList_SetItem' steals a reference to 'Py_None', a statically allocated object no reference was taken on; add Py_INCREF first}}
}

static int
none_stolen(PyObject *list)
{
    Py_INCREF(Py_None);
    return PyList_SetItem(list, 0, Py_None);
}

static int
true_added_unchecked(PyObject *m)
{
    Py_INCREF(Py_True);
    PyModule_AddObject(m, "FLAG", Py_True);
    return 0; // expected-warning {{Reference taken with 'ob_refcnt++' on 'Py_True' is leaked}}
}
