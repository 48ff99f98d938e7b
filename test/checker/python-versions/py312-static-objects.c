// From Python 3.12 on, Py_None, Py_True and the interpreter's own types are
// immortal (PEP 683): references taken on them, or stolen from them without
// being taken, change nothing, and refcheck says nothing about them. Static
// types an extension defines itself stay mortal on every version, so they
// are still judged.
//
// RUN: refcheck %s -- -Xclang -verify
#include "Inputs/py312/Python.h"

static PyTypeObject Counter_Type = {{1, NULL}, "demo.Counter"};

static PyObject *
none_taken(PyObject *self, PyObject *arg)
{
    Py_INCREF(Py_None);
    return PyLong_FromLong(0);
}

static int
none_stolen_unowned(PyObject *list)
{
    return PyList_SetItem(list, 0, Py_None);
}

static int
true_added_unchecked(PyObject *m)
{
    Py_INCREF(Py_True);
    PyModule_AddObject(m, "FLAG", Py_True);
    return 0;
}

static int
own_type_added(PyObject *m)
{
    return PyModule_AddObject(m, "Counter", (PyObject *)&Counter_Type); // expected-warning {{'PyModule_AddObject' steals a reference to 'Counter_Type', a statically allocated object no reference was taken on; add Py_INCREF first}}
}
