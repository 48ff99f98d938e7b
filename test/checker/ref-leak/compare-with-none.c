// Comparing an object with Py_None (or any global's address) does not hand
// its reference anywhere: a reference taken before is still ours, leaked on
// the path that forgets it and fine on the path that releases it. (The
// pattern of posixmodule's path_converter.)
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static int
convert(PyObject *o, void *p)
{
    Py_INCREF(o);
    if (o == Py_None)
        return 0; // expected-warning {{Reference taken with 'Py_INCREF' (held in 'o') is leaked}}
    Py_DECREF(o);
    return 1;
}

static int
convert_fixed(PyObject *o, void *p)
{
    Py_INCREF(o);
    if (o == Py_None) {
        Py_DECREF(o);
        return 0;
    }
    Py_DECREF(o);
    return 1;
}

/* A new object compared with a singleton is forgotten rather than followed
 * down paths where a fresh object *is* Py_NotImplemented (the analyzer cannot
 * tell that new_pair never returns it). */
static PyObject *
new_pair(void)
{
    return PyTuple_New(2);
}

static PyObject *
maybe_not_implemented(PyObject *self, PyObject *arg)
{
    PyObject *result = new_pair();
    if (result == Py_NotImplemented)
        Py_INCREF(result);
    return result;
}
