// A file that implements a C-API function (CPython's own Objects/): the
// function's row in the API model describes its body too. PyTuple_SetItem
// steals its item, so releasing it on the error paths is the function's
// own reference, not the caller's; PyDict_GetItemString returns a
// borrowed reference, so returning one owes nothing. The twin,
// parameter-decref.c, releases a parameter no row gives it.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

int
PyTuple_SetItem(PyObject *op, Py_ssize_t i, PyObject *newitem)
{
    if (!PyTuple_Check(op) || Py_REFCNT(op) != 1) {
        Py_XDECREF(newitem);
        PyErr_BadInternalCall();
        return -1;
    }
    if (i < 0 || i >= Py_SIZE(op)) {
        Py_XDECREF(newitem);
        PyErr_SetString(PyExc_IndexError, "tuple assignment index out of range");
        return -1;
    }
    Py_XSETREF(((PyTupleObject *)op)->ob_item[i], newitem);
    return 0;
}

PyObject *
PyDict_GetItemString(PyObject *v, const char *key)
{
    PyObject *kv = PyUnicode_FromString(key);
    if (kv == NULL) {
        PyErr_Clear();
        return NULL;
    }
    PyObject *rv = PyDict_GetItem(v, kv);
    Py_DECREF(kv);
    return rv;
}
