// An item borrowed from a tuple lives as long as the tuple, unless the
// code hands it to a container that takes a reference of its own: once
// PyObject_SetItem stored it in a cache dict, releasing the tuple does not
// free it (cbor2's CBOREncoder_find_encoder caches the encoder it found,
// releases the (type, encoder) pair, then returns the encoder). Without
// the store, the same code uses an object that may be gone: reported
// once, at the use (the path goes on without the object, so returning it
// is not reported again as a borrowed reference).
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
cache_second(PyObject *cache, PyObject *args)
{
    PyObject *key, *seq;
    if (!PyArg_ParseTuple(args, "OO", &key, &seq))
        return NULL;
    PyObject *pair = PySequence_Tuple(seq);
    if (pair == NULL)
        return NULL;
    if (PyTuple_GET_SIZE(pair) != 2) {
        Py_DECREF(pair);
        PyErr_SetString(PyExc_ValueError, "expected a pair");
        return NULL;
    }
    PyObject *value = PyTuple_GET_ITEM(pair, 1);
    if (PyObject_SetItem(cache, key, value) < 0) {
        Py_DECREF(pair);
        return NULL;
    }
    Py_DECREF(pair);
    Py_INCREF(value); /* the cache keeps it alive */
    return value;
}

static PyObject *
second_lost(PyObject *cache, PyObject *seq)
{
    PyObject *pair = PySequence_Tuple(seq);
    if (pair == NULL)
        return NULL;
    if (PyTuple_GET_SIZE(pair) != 2) {
        Py_DECREF(pair);
        PyErr_SetString(PyExc_ValueError, "expected a pair");
        return NULL;
    }
    PyObject *value = PyTuple_GET_ITEM(pair, 1);
    Py_DECREF(pair);
    Py_INCREF(value); // expected-warning {{after the container it was borrowed from was released}}
    return value;
}

static PyMethodDef methods[] = {
    {"cache_second", cache_second, METH_VARARGS, NULL},
    {"second_lost", second_lost, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
