// A reference taken on Py_None for a store into a field of a local struct
// stays the function's own: such a struct (a holder on the stack, a C++
// RAII holder's member) owns nothing by itself, so returning what the field
// holds hands that reference to the caller (greenlet's
// `if (!previous) previous = Py_None; return previous.relinquish_ownership();`
// where the holder's operator= takes the reference). A store into a field
// of an object or a global still takes the reference along.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject *p;
} holder_t;

static void
holder_set(holder_t *h, PyObject *const other)
{
    Py_XINCREF(other);
    PyObject *old = h->p;
    h->p = other;
    Py_XDECREF(old);
}

PyObject *current_trace(void);

static PyObject *
gettrace(PyObject *self, PyObject *unused)
{
    holder_t t = {current_trace()};
    if (!t.p)
        holder_set(&t, Py_None);
    return t.p;
}

static PyObject *
getnone(PyObject *self, PyObject *unused)
{
    holder_t t;
    t.p = Py_None;
    Py_INCREF(Py_None);
    return t.p;
}

static PyObject *
getnone_borrowed(PyObject *self, PyObject *unused)
{
    holder_t t;
    t.p = Py_None;
    return t.p; // expected-warning {{Returning '_Py_NoneStruct' without taking a reference}}
}

static PyObject *
none_kept(PyObject *self, PyObject *unused)
{
    holder_t t = {NULL};
    holder_set(&t, Py_None);
    return PyLong_FromLong(1); // expected-warning {{Reference taken with 'Py_XINCREF' on 'Py_None' is leaked}}
}

static PyMethodDef methods[] = {
    {"gettrace", gettrace, METH_NOARGS, NULL},
    {"getnone", getnone, METH_NOARGS, NULL},
    {"getnone_borrowed", getnone_borrowed, METH_NOARGS, NULL},
    {"none_kept", none_kept, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
