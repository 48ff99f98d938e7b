// The fixes for module-addobject-failure.c: release on failure, or use
// PyModule_AddObjectRef, which never steals.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static int
add_answer(PyObject *m)
{
    PyObject *v = PyLong_FromLong(42);
    if (v == NULL)
        return -1;
    if (PyModule_AddObject(m, "answer", v) < 0) {
        Py_DECREF(v);
        return -1;
    }
    return 0;
}

static int
add_answer_ref(PyObject *m)
{
    PyObject *v = PyLong_FromLong(42);
    if (v == NULL)
        return -1;
    int rc = PyModule_AddObjectRef(m, "answer", v);
    Py_DECREF(v);
    return rc;
}
