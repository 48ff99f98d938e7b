// A function of this file that the analyzer does not inline (here it is
// variadic; in CPython's longobject.c, x_divrem is too large) and that sets
// its out-parameter to NULL before each failure return
// (`*prem = NULL; return NULL;`): where the call fails, the out-parameter
// is NULL, so the caller's path where it holds an object is infeasible.
// Without that fact, normalize() turns the unknown remainder into a new
// reference on the failure path, and it is reported as leaked there.
//
// A helper that leaves the out-parameter unset on one failure return gets
// no such fact. The failure paths themselves are still explored: a leak of
// the caller's own on them is still reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

/* Hands back v, or a new zero in its place. */
static PyObject *
normalize(PyObject *v)
{
    if (v != NULL && PyObject_Not(v) == 1) {
        Py_DECREF(v);
        return PyLong_FromLong(0);
    }
    return v;
}

static PyObject *
divide(PyObject *a, PyObject *b, PyObject **prem, ...)
{
    PyObject *q = PyNumber_FloorDivide(a, b);
    if (q == NULL) {
        *prem = NULL;
        return NULL;
    }
    PyObject *r = PyNumber_Remainder(a, b);
    if (r == NULL) {
        Py_DECREF(q);
        *prem = NULL;
        return NULL;
    }
    *prem = r;
    return q;
}

static PyObject *
divide_unset(PyObject *a, PyObject *b, PyObject **prem, ...)
{
    PyObject *q = PyNumber_FloorDivide(a, b);
    if (q == NULL)
        return NULL;
    PyObject *r = PyNumber_Remainder(a, b);
    if (r == NULL) {
        Py_DECREF(q);
        *prem = NULL;
        return NULL;
    }
    *prem = r;
    return q;
}

static PyObject *
divmod_pair(PyObject *self, PyObject *args)
{
    PyObject *a, *b, *rem;
    if (!PyArg_ParseTuple(args, "OO", &a, &b))
        return NULL;
    PyObject *quot = divide(a, b, &rem);
    rem = normalize(rem);
    if (quot == NULL)
        return NULL;
    return Py_BuildValue("(NN)", quot, rem);
}

static PyObject *
divmod_pair_unset(PyObject *self, PyObject *args)
{
    PyObject *a, *b, *rem;
    if (!PyArg_ParseTuple(args, "OO", &a, &b))
        return NULL;
    PyObject *quot = divide_unset(a, b, &rem);
    rem = normalize(rem);
    if (quot == NULL)
        return NULL; // expected-warning {{New reference from 'PyLong_FromLong' (held in 'rem') is leaked}}
    return Py_BuildValue("(NN)", quot, rem);
}

static PyObject *
divmod_with_sign(PyObject *self, PyObject *args)
{
    PyObject *a, *b, *rem;
    if (!PyArg_ParseTuple(args, "OO", &a, &b))
        return NULL;
    PyObject *sign = PyLong_FromLong(1);
    if (sign == NULL)
        return NULL;
    PyObject *quot = divide(a, b, &rem);
    rem = normalize(rem);
    if (quot == NULL)
        return NULL; // expected-warning {{New reference from 'PyLong_FromLong' (held in 'sign') is leaked}}
    return Py_BuildValue("(NNN)", quot, rem, sign);
}
