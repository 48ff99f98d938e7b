// A function of this file may return Py_None bare on some paths (no
// reference taken on it) and a new object on the others, as _ssl.c's
// certificate helpers do. Its callers test `obj != Py_None` and release only
// the other result. When the analyzer does not inline the helper (here it
// is variadic; in _ssl.c the caller is too large), the result is a new
// reference by the convention, except where it is Py_None: there the caller
// holds no reference, so nothing leaks on that branch. The other branch is
// still judged. The helper itself breaks the convention, and
// borrowed-return says so there, once, not at each caller.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
names_or_none(long n, ...)
{
    if (n == 0)
        return Py_None; // expected-warning {{Returning '_Py_NoneStruct' without taking a reference}}
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

/* Same helper, but the caller forgets the object on its error path. */
static int
add_names_leaky(PyObject *dict, long n)
{
    PyObject *obj = names_or_none(n);
    if (obj == NULL)
        return -1;
    if (obj != Py_None) {
        if (PyDict_SetItemString(dict, "names", obj) < 0)
            return -1; // expected-warning {{New reference from 'names_or_none' (held in 'obj') is leaked}}
        Py_DECREF(obj);
    }
    return 0;
}

/* The same through a local variable that starts as Py_None and is replaced
 * by a new list once there is something to hold. */
static PyObject *
list_or_none(long n, ...)
{
    PyObject *names = Py_None;
    if (n == 0)
        return names; // expected-warning {{Returning '_Py_NoneStruct' without taking a reference}}
    names = PyList_New(0);
    return names;
}

static int
add_list(PyObject *dict, long n)
{
    PyObject *obj = list_or_none(n);
    if (obj == NULL)
        return -1;
    if (obj != Py_None) {
        int r = PyDict_SetItemString(dict, "list", obj);
        Py_DECREF(obj);
        return r;
    }
    return 0;
}

/* A helper that takes a reference on Py_None before returning it gives an
 * owned result on both branches: the caller that keeps None leaks it. */
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
is_none(long n)
{
    PyObject *obj = names_or_owned_none(n);
    if (obj == NULL)
        return -1;
    if (obj == Py_None)
        return 1; // expected-warning {{New reference from 'names_or_owned_none' (held in 'obj') is leaked}}
    Py_DECREF(obj);
    return 0;
}

PyObject *
entry(PyObject *self, PyObject *dict)
{
    if (add_names(dict, 1) < 0 || add_names_leaky(dict, 2) < 0 ||
        add_list(dict, 3) < 0 || is_none(4) < 0)
        return NULL;
    Py_RETURN_NONE;
}
