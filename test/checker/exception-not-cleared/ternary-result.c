// PyObject_RichCompareBool, PyObject_IsTrue and the other "at most one"
// calls return -1, 0 or 1, and fail with -1 only. A helper that passes a
// failure on (`if (r != 1) return r;`) and a caller that tests `== -1`
// have handled it (CPython's range_equals and range_richcompare). A caller
// that folds the failure into a value (`if (f != 0 && f != 1) f = 0;`,
// pygit2's init_submodules) keeps the exception and returns with it.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static int
pair_equal(PyObject *a0, PyObject *a1, PyObject *b0, PyObject *b1)
{
    int r = PyObject_RichCompareBool(a0, b0, Py_EQ);
    if (r != 1)
        return r;
    return PyObject_RichCompareBool(a1, b1, Py_EQ);
}

static PyObject *
pairs_equal(PyObject *self, PyObject *args)
{
    PyObject *a0, *a1, *b0, *b1;
    if (!PyArg_ParseTuple(args, "OOOO", &a0, &a1, &b0, &b1))
        return NULL;
    int result = pair_equal(a0, a1, b0, b1);
    if (result == -1)
        return NULL;
    if (result)
        Py_RETURN_TRUE;
    Py_RETURN_FALSE;
}

static int overwrite;

static PyObject *
set_flag(PyObject *self, PyObject *flag)
{
    int f = PyObject_IsTrue(flag);
    if (f != 0 && f != 1)
        f = 0;
    overwrite = f;
    Py_RETURN_NONE; // expected-warning {{Returning a result while an exception is set}}
}

static PyMethodDef methods[] = {
    {"pairs_equal", pairs_equal, METH_VARARGS, NULL},
    {"set_flag", set_flag, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
