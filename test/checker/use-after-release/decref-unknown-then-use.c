// Py_DECREF of an object the checker knows nothing about (popped off the
// project's own stack by an inlined helper) gives back a reference the code
// held: the object may be freed, so reading Py_TYPE(obj)->tp_name
// afterwards, for an error message, is a use after release. The fix formats
// the message before the release.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject **items;
    Py_ssize_t size;
} Stack;

static PyObject *
stack_pop(Stack *st)
{
    return st->items[--st->size];
}

static int
pop_int(Stack *st, long *out)
{
    PyObject *obj = stack_pop(st);
    if (!PyLong_Check(obj)) {
        Py_DECREF(obj);
        PyErr_Format(PyExc_TypeError, "expected int, got %s",
                     Py_TYPE(obj)->tp_name); // expected-warning {{Object passed to 'Py_TYPE' after its reference was released}}
        return -1;
    }
    *out = PyLong_AsLong(obj);
    Py_DECREF(obj);
    return 0;
}

static int
pop_int_fixed(Stack *st, long *out)
{
    PyObject *obj = stack_pop(st);
    if (!PyLong_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "expected int, got %s",
                     Py_TYPE(obj)->tp_name);
        Py_DECREF(obj);
        return -1;
    }
    *out = PyLong_AsLong(obj);
    Py_DECREF(obj);
    return 0;
}
