// A local variable declared with `__attribute__((cleanup(f)))` is released
// by f when it goes out of scope (python-systemd's `_cleanup_Py_DECREF_`,
// whose function, in another file, calls Py_DECREF). The analyzer runs a
// cleanup function whose body it has, but skips one defined elsewhere: what
// the variable holds is then the cleanup's, and no return leaks it. The
// same code without the attribute leaks.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

/* Defined in another file of the project. */
void cleanup_decref(PyObject **p);
#define _cleanup_Py_DECREF_ __attribute__((cleanup(cleanup_decref)))

static PyObject *
make_pair(PyObject *self, PyObject *args)
{
    _cleanup_Py_DECREF_ PyObject *a = PyLong_FromLong(1);
    _cleanup_Py_DECREF_ PyObject *b = PyLong_FromLong(2);
    if (!a || !b)
        return NULL;
    return PyTuple_Pack(2, a, b);
}

static PyObject *
make_pair_leaky(PyObject *self, PyObject *args)
{
    PyObject *a = PyLong_FromLong(1);
    PyObject *b = PyLong_FromLong(2);
    if (!a || !b)
        return NULL;
    return PyTuple_Pack(2, a, b); // expected-warning {{New reference from 'PyLong_FromLong' (held in 'a') is leaked}} \
                                  // expected-warning {{New reference from 'PyLong_FromLong' (held in 'b') is leaked}}
}

static PyMethodDef methods[] = {
    {"make_pair", make_pair, METH_NOARGS, NULL},
    {"make_pair_leaky", make_pair_leaky, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
