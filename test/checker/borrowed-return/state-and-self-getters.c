// PyInterpreterState_GetDict and PyCFunction_GET_SELF lend what they
// return: the interpreter and the function object keep it (cffi reads its
// per-interpreter dict and a builtin's self this way). Using the object is
// fine; returning it where a new reference is owed is not.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static int
interp_has_key(void)
{
    PyObject *d = PyInterpreterState_GetDict(PyInterpreterState_Get());
    if (d == NULL)
        return 0;
    return PyDict_GetItemString(d, "key") != NULL;
}

static int
self_is_module(PyObject *func)
{
    if (!PyCFunction_Check(func))
        return 0;
    PyObject *self = PyCFunction_GET_SELF(func);
    return self != NULL && PyModule_Check(self);
}

static PyObject *
get_self(PyObject *module, PyObject *func)
{
    if (!PyCFunction_Check(func)) {
        PyErr_SetString(PyExc_TypeError, "expected a builtin function");
        return NULL;
    }
    PyObject *self = PyCFunction_GET_SELF(func);
    if (self == NULL)
        Py_RETURN_NONE;
    return self; // expected-warning {{Returning a borrowed reference from 'PyCFunction_GET_SELF' where a new reference is owed; add Py_NewRef() [refcheck.borrowed-return]}}
}

static PyMethodDef methods[] = {
    {"get_self", get_self, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
