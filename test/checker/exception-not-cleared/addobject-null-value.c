// PyModule_AddObject(m, name, NULL) returns -1: the exception that came
// with the NULL stays set, and the call fails. So passing an unchecked
// PyErr_NewException() and testing the result is enough (ujson's
// PyInit_ujson); the path where the add succeeds with NULL does not exist.
// Ignoring the result still returns the module with the exception set.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "m", NULL, -1, NULL};
static PyObject *Error;

PyMODINIT_FUNC
PyInit_m(void)
{
    PyObject *m = PyModule_Create(&def);
    if (m == NULL)
        return NULL;
    Error = PyErr_NewException("m.Error", NULL, NULL);
    Py_XINCREF(Error);
    if (PyModule_AddObject(m, "Error", Error) < 0) {
        Py_XDECREF(Error);
        Py_CLEAR(Error);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

static struct PyModuleDef def2 = {PyModuleDef_HEAD_INIT, "m2", NULL, -1, NULL};
static PyObject *Error2;

PyMODINIT_FUNC
PyInit_m2(void)
{
    PyObject *m = PyModule_Create(&def2);
    if (m == NULL)
        return NULL;
    Error2 = PyErr_NewException("m2.Error", NULL, NULL);
    Py_XINCREF(Error2);
    (void)PyModule_AddObject(m, "Error", Error2);
    return m; // expected-warning {{Returning a result while an exception is set}}
}
