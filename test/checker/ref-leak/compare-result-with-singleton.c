// The result of a call may itself be a singleton: PyObject_RichCompare
// returns Py_NotImplemented, Py_True or any object a __eq__ hands back.
// Comparing it with the singleton hands its reference nowhere, so it stays
// tracked on both branches, and a path that forgets it leaks. (The pattern
// of a real fix: a comparison helper tested the rich comparison's result
// for NotImplemented, read its truth, and never released it.)
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static int
items_equal(PyObject *a, PyObject *b)
{
    PyObject *res = PyObject_RichCompare(a, b, Py_EQ);
    if (res == NULL)
        return -1;
    if (res == Py_NotImplemented) {
        Py_DECREF(res);
        return 0;
    }
    return PyObject_IsTrue(res); // expected-warning {{New reference from 'PyObject_RichCompare' (held in 'res') is leaked}}
}

static int
items_equal_fixed(PyObject *a, PyObject *b)
{
    PyObject *res = PyObject_RichCompare(a, b, Py_EQ);
    if (res == NULL)
        return -1;
    if (res == Py_NotImplemented) {
        Py_DECREF(res);
        return 0;
    }
    int r = PyObject_IsTrue(res);
    Py_DECREF(res);
    return r;
}

/* The same through Py_True: the call's result is owned whichever object it
 * turns out to be. */
static int
call_says_yes(PyObject *callable)
{
    PyObject *r = PyObject_CallNoArgs(callable);
    if (r == NULL)
        return -1;
    if (r == Py_True)
        return 1; // expected-warning {{New reference from 'PyObject_CallNoArgs' (held in 'r') is leaked}}
    Py_DECREF(r);
    return 0;
}

static int
call_says_yes_fixed(PyObject *callable)
{
    PyObject *r = PyObject_CallNoArgs(callable);
    if (r == NULL)
        return -1;
    int yes = (r == Py_True);
    Py_DECREF(r);
    return yes;
}

/* An object the code just made cannot be a singleton: a list compared with
 * Py_None is dropped, not followed down the branch where it is None. */
static PyObject *
fresh_list(void)
{
    PyObject *list = PyList_New(0);
    if (list == Py_None)
        return NULL;
    return list;
}

/* Nor can the result of a function of this file that returns only such
 * objects (or NULL), through a local variable. */
static PyObject *
make_pair(PyObject *a)
{
    PyObject *t = PyTuple_New(2);
    if (t == NULL)
        return NULL;
    return t;
}

static PyObject *
pair_or_none(PyObject *self, PyObject *a)
{
    PyObject *p = make_pair(a);
    if (p == Py_None)
        return NULL;
    return p;
}

/* Comparing with a singleton does not make the code forget a fresh object:
 * it is still owned, and leaked here. */
static int
fresh_then_leaked(PyObject *self)
{
    PyObject *list = PyList_New(0);
    if (list == NULL || list == Py_None)
        return -1;
    return 0; // expected-warning {{New reference from 'PyList_New' (held in 'list') is leaked}}
}

/* An object a type's tp_alloc slot made is fresh too. */
static PyObject *
new_box(PyTypeObject *type)
{
    PyObject *self = type->tp_alloc(type, 0);
    return self;
}

static PyObject *
box_or_none(PyTypeObject *type)
{
    PyObject *b = new_box(type);
    if (b == Py_None)
        return NULL;
    return b;
}

/* The idiom of binary operators: `result` starts as Py_NotImplemented and
 * is replaced by a new reference when the operands fit. Comparing it with
 * Py_NotImplemented asks whether it still holds that default; a new
 * reference stored over it is taken not to be the singleton. */
static PyObject *
scaled_add(PyObject *left, PyObject *right)
{
    PyObject *result = Py_NotImplemented;
    if (PyLong_Check(left) && PyLong_Check(right))
        result = PyObject_CallFunction((PyObject *)Py_TYPE(left), "O", right);
    if (result == Py_NotImplemented)
        Py_INCREF(result);
    return result;
}

/* Its callers release the one reference they get. */
static int
sum_is_zero(PyObject *a, PyObject *b)
{
    PyObject *s = scaled_add(a, b);
    if (s == NULL)
        return -1;
    int z = PyObject_Not(s);
    Py_DECREF(s);
    return z;
}
