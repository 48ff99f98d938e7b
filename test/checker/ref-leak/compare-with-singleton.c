// A call's result can be a singleton: PyObject_RichCompare gives back
// Py_NotImplemented (or Py_True) with a reference like any other object.
// Comparing it with that singleton tells which object it is, not that the
// reference went anywhere: it must still be released on both branches, so
// leaking it after `res == Py_NotImplemented` is reported. A fresh
// constructor's result (PyList_New, an object from tp_alloc) never is a
// singleton: the comparison is false, and the branch where it is true is not
// followed.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static int
equal_leaked(PyObject *a, PyObject *b)
{
    PyObject *res = PyObject_RichCompare(a, b, Py_EQ);
    if (res == NULL)
        return -1;
    if (res == Py_NotImplemented) {
        Py_DECREF(res);
        return 0;
    }
    int r = PyObject_IsTrue(res);
    if (r < 0)
        return -1; // expected-warning {{New reference from 'PyObject_RichCompare' (held in 'res') is leaked}}
    Py_DECREF(res);
    return r;
}

static int
equal_released(PyObject *a, PyObject *b)
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

/* The singleton branch keeps the reference too: it must be released. */
static int
is_true_leaked(PyObject *a, PyObject *b)
{
    PyObject *res = PyObject_RichCompare(a, b, Py_LT);
    if (res == NULL)
        return -1;
    if (res == Py_True)
        return 1; // expected-warning {{New reference from 'PyObject_RichCompare' (held in 'res') is leaked}}
    Py_DECREF(res);
    return 0;
}

/* A new list is never Py_None: no path where the list "is" Py_None and is
 * handed back without its reference. */
static PyObject *
fresh_list(PyObject *self, PyObject *args)
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    if (list == Py_None)
        Py_RETURN_NONE;
    return list;
}

/* The NotImplemented default: the result is either the singleton, still
 * without a reference, or a new object. */
static PyObject *
subtract(PyObject *left, PyObject *right)
{
    PyObject *result = Py_NotImplemented;
    if (PyLong_Check(left) && PyLong_Check(right))
        result = PyLong_FromLong(PyLong_AsLong(left) - PyLong_AsLong(right));
    if (result == Py_NotImplemented)
        Py_INCREF(result);
    return result;
}
