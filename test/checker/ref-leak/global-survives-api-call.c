// A module-level object kept in a global: the code takes a second reference
// for PyModule_AddObject, and gives it back when the call fails. The call is
// into the C API, which does not assign the extension's globals, so `g_cache`
// still holds the same object afterwards and the Py_DECREF balances the
// Py_INCREF. (refcheck treats the folders holding Python.h as system headers
// to know this.)
// A local that the failure path forgets is still a leak.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *g_cache;
static PyObject *g_errors[4];

static int
add_cache(PyObject *module)
{
    if (!(g_cache = PyDict_New()))
        return -1;
    Py_INCREF(g_cache);
    if (PyModule_AddObject(module, "cache", g_cache) < 0) {
        Py_DECREF(g_cache);
        return -1;
    }
    return 0;
}

static int
add_error(PyObject *module, int i)
{
    PyObject *exc = PyErr_NewException("m.Error", NULL, NULL);
    if (exc == NULL)
        return -1;
    g_errors[i] = exc;
    if (PyModule_AddObject(module, "Error", exc) != 0)
        return -1;
    Py_INCREF(exc); // the reference g_errors[i] holds
    return 0;
}

static int
add_local(PyObject *module)
{
    PyObject *d = PyDict_New();
    if (d == NULL)
        return -1;
    Py_INCREF(d);
    if (PyModule_AddObject(module, "d", d) < 0) {
        Py_DECREF(d);
        return -1; // expected-warning {{New reference from 'PyDict_New' (held in 'd') is leaked}}
    }
    Py_DECREF(d);
    return 0;
}
