// A copy of a struct whose address is handed to a function refcheck cannot
// see into: the objects held in the copy's fields go with it, as an object
// stored in a local and handed on does. CPython's iterator __reduce__
// methods copy the iterator, take a reference to its container, and run
// the copy to exhaustion with PySequence_List, which releases the
// container and clears the field; the Py_XDECREF that follows then sees
// NULL. Reported as a leak of the Py_XINCREF until refcheck followed the
// copy.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *it_seq;
    Py_ssize_t it_index;
} iterobject;

/* Objects/setobject.c's setiter_reduce, in shape. */
static PyObject *
iter_reduce(iterobject *it, PyObject *Py_UNUSED(ignored))
{
    iterobject tmp = *it;
    Py_XINCREF(tmp.it_seq);
    PyObject *list = PySequence_List((PyObject *)&tmp);
    Py_XDECREF(tmp.it_seq);
    return list;
}

/* No copy handed on: the reference taken is still the code's to release. */
static PyObject *
iter_len(iterobject *it, PyObject *Py_UNUSED(ignored))
{
    iterobject tmp = *it;
    Py_XINCREF(tmp.it_seq);
    return PyLong_FromSsize_t(tmp.it_index); // expected-warning {{Reference taken with 'Py_XINCREF' is leaked}}
}

static PyMethodDef iter_methods[] = {
    {"__reduce__", (PyCFunction)iter_reduce, METH_NOARGS, NULL},
    {"__length_hint__", (PyCFunction)iter_len, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
