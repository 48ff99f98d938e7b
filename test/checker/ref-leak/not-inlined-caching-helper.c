// A static helper of the file that builds an object, stores it into a dict,
// releases its own reference and returns it (cffi's lib_build_and_cache_attr)
// returns a borrowed reference: the dict keeps the object. Where the analyzer
// does not follow the helper (here: its loop runs past the analyzer's
// bound), the helper's own exploration, in the same parse, gives its
// contract: the caller that takes a reference before returning the object
// leaks nothing. Releasing that borrowed result is an over-release, and a
// helper of the same shape that keeps its reference still returns a new one.
// Without contracts (--no-contracts) the call follows the C-API convention,
// a new reference, and the correct caller is reported.
//
// RUN: refcheck %s -- -Xclang -verify
// RUN: not refcheck --no-contracts %s | FileCheck %s --check-prefix=CONVENTION
#include <Python.h>

static PyObject *
cached_attr(PyObject *dict, PyObject *aliases, PyObject *name)
{
    PyObject *x;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(aliases); i++) {
        x = PyDict_GetItem(dict, PyTuple_GET_ITEM(aliases, i));
        if (x != NULL)
            return x;
    }
    x = PyLong_FromLong(42);
    if (x == NULL)
        return NULL;
    if (PyDict_SetItem(dict, name, x) < 0) {
        Py_DECREF(x);
        return NULL;
    }
    Py_DECREF(x); /* the dict holds the one reference left */
    return x;
}

static PyObject *
get_attr(PyObject *self, PyObject *args)
{
    PyObject *d, *aliases, *name;
    if (!PyArg_ParseTuple(args, "O!O!U", &PyDict_Type, &d, &PyTuple_Type,
                          &aliases, &name))
        return NULL;
    PyObject *x = cached_attr(d, aliases, name);
    if (x == NULL)
        return NULL;
    Py_INCREF(x);
    return x;
}
// CONVENTION: not-inlined-caching-helper.c:47:5: warning: New reference from 'cached_attr' (held in 'x') is returned with an extra reference, which is leaked [refcheck.ref-leak]

static PyObject *
drop_attr(PyObject *self, PyObject *args)
{
    PyObject *d, *aliases, *name;
    if (!PyArg_ParseTuple(args, "O!O!U", &PyDict_Type, &d, &PyTuple_Type,
                          &aliases, &name))
        return NULL;
    PyObject *x = cached_attr(d, aliases, name);
    if (x == NULL)
        return NULL;
    // Where the analyzer follows the helper, each path's own object;
    // where it does not, the helper's contract: borrowed.
    Py_DECREF(x); // expected-warning {{Borrowed reference from 'cached_attr' is released; the code does not own it}} \
                  // expected-warning {{Borrowed reference from 'PyDict_GetItem' is released; the code does not own it}} \
                  // expected-warning {{Reference released twice: the one left belongs to another holder}}
    Py_RETURN_NONE;
}

/* The same shape, but the helper keeps its reference: a new one. */
static PyObject *
fresh_attr(PyObject *dict, PyObject *aliases, PyObject *name)
{
    PyObject *x;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(aliases); i++) {
        x = PyDict_GetItem(dict, PyTuple_GET_ITEM(aliases, i));
        if (x != NULL)
            return Py_NewRef(x);
    }
    x = PyLong_FromLong(42);
    if (x == NULL)
        return NULL;
    if (PyDict_SetItem(dict, name, x) < 0) {
        Py_DECREF(x);
        return NULL;
    }
    return x;
}

static PyObject *
get_fresh(PyObject *self, PyObject *args)
{
    PyObject *d, *aliases, *name;
    if (!PyArg_ParseTuple(args, "O!O!U", &PyDict_Type, &d, &PyTuple_Type,
                          &aliases, &name))
        return NULL;
    PyObject *x = fresh_attr(d, aliases, name);
    if (x == NULL)
        return NULL;
    Py_INCREF(x);
    return x; // expected-warning {{New reference from 'fresh_attr' (held in 'x') is returned with an extra reference, which is leaked}}
}

/* The caching helper builds its object with another helper the analyzer
 * does not follow either (cffi's lib_build_and_cache_attr calls
 * lib_build_cpython_func). The analyzer explores callers first, so the
 * builder's contract is not there when the cache's own exploration meets
 * the call: a second round of the helpers explores the cache again with
 * it, and its result is borrowed, as above, rather than unknown. */
static PyObject *
make_value(PyObject *name, ...)
{
    return PyObject_Repr(name);
}

static PyObject *
build_and_cache(PyObject *dict, PyObject *aliases, PyObject *name)
{
    PyObject *x;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(aliases); i++) {
        x = PyDict_GetItem(dict, PyTuple_GET_ITEM(aliases, i));
        if (x != NULL)
            return x;
    }
    x = make_value(name);
    if (x == NULL)
        return NULL;
    if (PyDict_SetItem(dict, name, x) < 0) {
        Py_DECREF(x);
        return NULL;
    }
    Py_DECREF(x);
    return x;
}

static PyObject *
get_built(PyObject *self, PyObject *args)
{
    PyObject *d, *aliases, *name;
    if (!PyArg_ParseTuple(args, "O!O!U", &PyDict_Type, &d, &PyTuple_Type,
                          &aliases, &name))
        return NULL;
    PyObject *x = build_and_cache(d, aliases, name);
    if (x == NULL)
        return NULL;
    Py_INCREF(x);
    return x;
}

static PyObject *
drop_built(PyObject *self, PyObject *args)
{
    PyObject *d, *aliases, *name;
    if (!PyArg_ParseTuple(args, "O!O!U", &PyDict_Type, &d, &PyTuple_Type,
                          &aliases, &name))
        return NULL;
    PyObject *x = build_and_cache(d, aliases, name);
    if (x == NULL)
        return NULL;
    Py_DECREF(x); // expected-warning {{Borrowed reference from 'build_and_cache' is released; the code does not own it}} \
                  // expected-warning {{Borrowed reference from 'PyDict_GetItem' is released; the code does not own it}} \
                  // expected-warning {{Reference released twice: the one left belongs to another holder}}
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"get_built", get_built, METH_VARARGS, NULL},
    {"drop_built", drop_built, METH_VARARGS, NULL},
    {"get_attr", get_attr, METH_VARARGS, NULL},
    {"drop_attr", drop_attr, METH_VARARGS, NULL},
    {"get_fresh", get_fresh, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
