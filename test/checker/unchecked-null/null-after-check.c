// A result the code has just found NULL, used anyway: the check is there,
// but the branch that sees NULL still hands the result to a function that
// needs an object. The read gives a plain NULL, and refcheck names the
// call that made it.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

/* Clean: the NULL branch returns before any use. */
static int
is_set(PyObject *self, PyObject *callable)
{
    PyObject *r = PyObject_CallNoArgs(callable);
    if (r == NULL)
        return -1;
    int truth = PyObject_IsTrue(r);
    Py_DECREF(r);
    return truth;
}

/* Buggy: the NULL branch releases the result it found NULL. */
static int
is_set_bad(PyObject *self, PyObject *callable)
{
    PyObject *r = PyObject_CallNoArgs(callable);
    if (r == NULL) {
        Py_DECREF(r); // expected-warning {{Result of 'PyObject_CallNoArgs' is NULL here and is passed to 'Py_DECREF'}}
        return -1;
    }
    int truth = PyObject_IsTrue(r);
    Py_DECREF(r);
    return truth;
}
