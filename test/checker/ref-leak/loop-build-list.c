// PyList_Append does not steal: each item must still be released. Forgetting
// it leaks one object per iteration.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
squares(PyObject *self, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    // Reported when the next iteration (or the loop exit) drops `item`.
    for (long i = 0; i < n; i++) { // expected-warning {{New reference from 'PyLong_FromLong' (held in 'item') is leaked}}
        PyObject *item = PyLong_FromLong(i * i);
        if (item == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        if (PyList_Append(list, item) < 0) {
            Py_DECREF(item);
            Py_DECREF(list);
            return NULL;
        }
    }
    return list;
}
