// PyErr_ExceptionMatches(X) asks PyErr_Occurred(): it is non-zero only
// when an exception is set. After a call that succeeded, none is, so the
// branch that swaps StopAsyncIteration for StopIteration is not taken with
// a result in hand (CPython's async_gen_athrow_throw, genobject.c). Where
// the call failed, the same branch swapping the exception and returning a
// result is reported.
//
// RUN: refcheck %s --verify-notes -- -Xclang -verify
#include <Python.h>

static PyObject *
athrow(PyObject *self, PyObject *gen)
{
    PyObject *retval = PyObject_CallMethod(gen, "throw", NULL);
    if (retval && PyTuple_CheckExact(retval)) {
        Py_DECREF(retval);
        PyErr_SetString(PyExc_RuntimeError, "ignored exit");
        return NULL;
    }
    if (PyErr_ExceptionMatches(PyExc_StopAsyncIteration)) {
        PyErr_Clear();
        PyErr_SetNone(PyExc_StopIteration);
    }
    return retval;
}

/* Buggy: the AttributeError is swapped for a TypeError, and None is
   returned over it. */
static PyObject *
value_or_none(PyObject *self, PyObject *obj)
{
    PyObject *res = PyObject_GetAttrString(obj, "value"); // expected-note {{'PyObject_GetAttrString' sets an exception}}
    if (res == NULL && PyErr_ExceptionMatches(PyExc_AttributeError)) { // expected-note {{Assuming 'res' is equal to NULL}}
        PyErr_SetString(PyExc_TypeError, "no value"); // expected-note {{'PyErr_SetString' sets an exception}}
        Py_RETURN_NONE; // expected-warning {{Returning a result while an exception is set}}
    }
    return res;
}

static PyMethodDef methods[] = {
    {"athrow", athrow, METH_O, NULL},
    {"value_or_none", value_or_none, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
