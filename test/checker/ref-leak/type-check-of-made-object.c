// An object a call has just made has that call's type: `PyTuple_Check(d)`
// on the result of PyTuple_New is true, and the branch where it is not a
// tuple is not followed (cvxopt's fftw.c checks the dims tuple it may have
// made itself; that branch leaked it, 5 false reports).
//
// The twin checks an item it got from a sequence, which may be anything:
// the branch where it is no tuple leaks it.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
made_dims(PyObject *self, PyObject *arg)
{
    PyObject *dims = PyTuple_New(2);
    if (dims == NULL)
        return NULL;
    PyTuple_SET_ITEM(dims, 0, PyLong_FromLong(1));
    PyTuple_SET_ITEM(dims, 1, PyLong_FromLong(2));
    if (!PyTuple_Check(dims)) {
        PyErr_SetString(PyExc_TypeError, "dims must be a tuple");
        return NULL;
    }
    return dims;
}

static PyObject *
made_list_is_no_dict(PyObject *self, PyObject *arg)
{
    PyObject *l = PyList_New(0);
    if (l == NULL)
        return NULL;
    if (PyDict_Check(l))
        return NULL; /* never taken: a list is no dict */
    return l;
}

static PyObject *
given_dims(PyObject *self, PyObject *arg)
{
    PyObject *dims = PySequence_GetItem(arg, 0);
    if (dims == NULL)
        return NULL;
    if (!PyTuple_Check(dims)) {
        PyErr_SetString(PyExc_TypeError, "dims must be a tuple"); // expected-warning {{New reference from 'PySequence_GetItem' (held in 'dims') is leaked}}
        return NULL;
    }
    return dims;
}

static PyMethodDef methods[] = {
    {"made_dims", made_dims, METH_O, NULL},
    {"made_list_is_no_dict", made_list_is_no_dict, METH_O, NULL},
    {"given_dims", given_dims, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
