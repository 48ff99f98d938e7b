// A static inline helper of the project's own header that the analyzer does
// not inline, because the call is too deep (here the sixth frame; in
// CPython's longobject.c, maybe_small_long's _Py_DECREF_INT), is judged by
// its body, as a function of this file would be: release_with() releases
// its argument, so the caller's object is no longer judged there, and
// nothing leaks. A helper whose body only reads its argument (is_tiny())
// still borrows it, and the leak after it is still reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
#include "Inputs/tiny-values.h"

/* Hands back v, or releases it and hands back a shared object instead. */
static PyObject *
shrink(PyObject *v)
{
    if (Py_SIZE(v) == 0) {
        release_with(v, (destructor)PyObject_Free);
        return PyLong_FromLong(0);
    }
    return v;
}

/* The same, but it forgets to release v. */
static PyObject *
shrink_leaky(PyObject *v)
{
    if (is_tiny(v))
        return PyLong_FromLong(0); /* v is still the caller's */
    return v;
}

/* Three more frames, each too large to be inlined for free. */
static PyObject *
level4(PyObject *v, int n)
{
    if (n < 0)
        return v;
    return shrink(v);
}

static PyObject *
level3(PyObject *v, int n)
{
    if (n < 0)
        return v;
    return level4(v, n);
}

static PyObject *
level2(PyObject *v, int n)
{
    if (n < 0)
        return v;
    return level3(v, n);
}

static PyObject *
negate_small(PyObject *self, PyObject *arg)
{
    PyObject *v = PyNumber_Negative(arg);
    if (v == NULL)
        return NULL;
    return level2(v, 1);
}

static PyObject *
leaky4(PyObject *v, int n)
{
    if (n < 0)
        return v;
    return shrink_leaky(v);
}

static PyObject *
leaky3(PyObject *v, int n)
{
    if (n < 0)
        return v;
    return leaky4(v, n);
}

static PyObject *
leaky2(PyObject *v, int n)
{
    if (n < 0)
        return v;
    return leaky3(v, n);
}

static PyObject *
negate_small_leaky(PyObject *self, PyObject *arg)
{
    PyObject *v = PyNumber_Negative(arg);
    if (v == NULL)
        return NULL;
    return leaky2(v, 1); // expected-warning {{New reference from 'PyNumber_Negative' (held in 'v') is leaked}}
}
