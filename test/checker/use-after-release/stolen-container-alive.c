// Using an object after a container stole its reference is fine while the
// container is alive: the module, tuple or list keeps the object alive.
// Taking a new reference to it then is fine too.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
use_while_container_lives(PyObject *self, PyObject *args)
{
    PyObject *list = PyList_New(1);
    if (list == NULL)
        return NULL;
    PyObject *item = PyLong_FromLong(7);
    if (item == NULL) {
        Py_DECREF(list);
        return NULL;
    }
    PyList_SET_ITEM(list, 0, item);
    PyObject *r = PyObject_Repr(item);     /* the list keeps item alive */
    Py_DECREF(list);
    return r;
}

static int
exec_module(PyObject *m)
{
    PyObject *err = PyErr_NewException("mod.Error", NULL, NULL);
    if (err == NULL)
        return -1;
    if (PyModule_AddObject(m, "Error", err) < 0) {
        Py_DECREF(err);
        return -1;
    }
    /* The module holds err now; using it is fine. */
    return PyModule_AddObjectRef(m, "error", err);
}

/* Py_INCREF then an inline PyTuple_SET_ITEM inside a helper the analyzer
 * inlines: one reference is stolen, the caller's is still its own. */
static PyObject *
pair_with(PyObject *first, PyObject *ctx)
{
    PyObject *tup = PyTuple_New(2);
    if (tup == NULL)
        return NULL;
    Py_INCREF(first);
    PyTuple_SET_ITEM(tup, 0, first);
    Py_INCREF(ctx);
    PyTuple_SET_ITEM(tup, 1, ctx);
    return tup;
}

static PyObject *
caller(PyObject *self, PyObject *fn)
{
    PyObject *context = PyLong_FromLong(3);
    if (context == NULL)
        return NULL;
    PyObject *res = pair_with(fn, context);
    Py_DECREF(context);
    return res;
}
