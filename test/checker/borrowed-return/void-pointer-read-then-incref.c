// An object handed as `void *` to a function that only reads it (cvxopt's
// `get_id(void *val, int val_type)`, defined in another file of the
// project) is still the code's to count: the Py_INCREF after the call
// gives the reference the function returns. Only a function that also
// takes a callback keeps what it is given as user data
// (ref-leak/library-user-data-then-incref.c, where the reference taken
// after the registration is the library's).
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

extern int get_id(void *val, int val_type);
extern int lib_register(void *user_data, void (*destroy)(void *));

static PyObject *
same_if_known(PyObject *self, PyObject *arg)
{
    if (get_id(arg, 0) < 0) {
        PyErr_SetString(PyExc_TypeError, "unknown type");
        return NULL;
    }
    Py_INCREF(arg);
    return arg;
}

static PyObject *
registered(PyObject *self, PyObject *arg)
{
    if (lib_register(arg, NULL) != 0) {
        PyErr_SetString(PyExc_ValueError, "registration failed");
        return NULL;
    }
    Py_INCREF(arg);
    return arg; // expected-warning {{Returning a borrowed reference}}
}

static PyMethodDef methods[] = {
    {"same_if_known", same_if_known, METH_O, NULL},
    {"registered", registered, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
