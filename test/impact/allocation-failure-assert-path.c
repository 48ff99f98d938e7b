// Impact: allocation-failure, even when the same leak is also found on a
// path that ends in a failed assert. The bug reporter drops such a report
// (the process aborts there, so nothing leaks), and it no longer counts
// when the report's impact is settled with the other paths to the same
// bug. CPython's dictiter_iternextitem in 3.11: the PyTuple_GET_ITEM on
// the reuse branch asserts PyTuple_Check, and on that assert's failing
// path the references taken to key and value die unreleased; the leak
// that is real needs PyTuple_New to fail. Before, the report said
// every-call.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
#include <assert.h>

typedef struct {
    PyObject_HEAD
    PyObject *di_result;
    PyObject **items;
    Py_ssize_t pos;
} iterobject;

static PyObject *
iter_next(iterobject *di)
{
    PyObject *key = di->items[di->pos];
    PyObject *value = di->items[di->pos + 1];
    if (key == NULL)
        return NULL;
    Py_INCREF(key);
    Py_INCREF(value);
    PyObject *result = di->di_result;
    if (di->pos == 1) {
        assert(PyTuple_Check(result));
        PyObject *oldkey = PyTuple_GET_ITEM(result, 0);
        PyTuple_SET_ITEM(result, 0, key);
        PyTuple_SET_ITEM(result, 1, value);
        Py_INCREF(result);
        Py_DECREF(oldkey);
    }
    else {
        result = PyTuple_New(2);
        if (result == NULL)
            return NULL; // expected-warning {{Reference taken with 'Py_INCREF' (held in 'key') is leaked [refcheck.ref-leak] [allocation-failure: when 'PyTuple_New' fails]}} expected-warning {{Reference taken with 'Py_INCREF' (held in 'value') is leaked [refcheck.ref-leak] [allocation-failure: when 'PyTuple_New' fails]}}
        PyTuple_SET_ITEM(result, 0, key);
        PyTuple_SET_ITEM(result, 1, value);
    }
    return result;
}

static PyMethodDef iter_methods[] = {
    {"next", (PyCFunction)iter_next, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
