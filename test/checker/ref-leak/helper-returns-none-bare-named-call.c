// Whether a same-file helper takes a reference to the singleton it returns
// is read from the refcount operations' own table (Py_INCREF, Py_XINCREF,
// Py_IncRef, Py_NewRef, Py_XNewRef and their underscore forms), not from
// the callee's name: a project's `stats_incref_seen(Py_None)`, which only
// counts, takes no reference, so the helper still returns Py_None bare and
// the caller's `obj != Py_None` branch owes nothing.
// (helper-returns-none-bare.c has the rule itself.)
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

extern void stats_incref_seen(PyObject *o);

static PyObject *
names_or_none(long n, ...)
{
    if (n == 0) {
        stats_incref_seen(Py_None);
        return Py_None; // expected-warning {{Returning '_Py_NoneStruct' without taking a reference}}
    }
    return PyLong_FromLong(n);
}

static int
add_names(PyObject *dict, long n)
{
    PyObject *obj = names_or_none(n);
    if (obj == NULL)
        return -1;
    if (obj != Py_None) {
        int r = PyDict_SetItemString(dict, "names", obj);
        Py_DECREF(obj);
        if (r < 0)
            return -1;
    }
    return 0;
}

/* A real Py_INCREF on the singleton: the helper may return an owned
 * reference to it, and its caller owes one on both branches. */
static PyObject *
names_or_owned_none(long n, ...)
{
    if (n == 0) {
        Py_INCREF(Py_None);
        return Py_None;
    }
    return PyLong_FromLong(n);
}

static int
add_owned_names(PyObject *dict, long n)
{
    PyObject *obj = names_or_owned_none(n);
    if (obj == NULL)
        return -1;
    if (obj != Py_None) {
        int r = PyDict_SetItemString(dict, "names", obj);
        Py_DECREF(obj);
        if (r < 0)
            return -1;
    }
    return 0; // expected-warning {{New reference from 'names_or_owned_none' (held in 'obj') is leaked}}
}
