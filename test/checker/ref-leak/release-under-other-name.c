// A release through another variable that the path knows holds the same
// object is a release of the reference the code took. CPython's insertdict
// takes a reference to the new value, replaces the slot only when the old
// value differs, and always releases the old value: when they are the same
// object, the Py_XDECREF(old_value) gives back the reference just taken.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject *slot;
} box;

static int
replace(box *b, PyObject *value)
{
    PyObject *old_value = b->slot;
    Py_INCREF(value);
    if (old_value != value) {
        b->slot = value;
    }
    Py_XDECREF(old_value);
    return 0;
}

int
put(box *b, PyObject *value)
{
    return replace(b, value);
}

/* The buggy twin releases the old value only when it is replaced: when the
   slot already holds the value, the reference taken is leaked. */
static int
replace_leaky(box *b, PyObject *value)
{
    PyObject *old_value = b->slot;
    Py_INCREF(value);
    if (old_value != value) {
        b->slot = value;
        Py_XDECREF(old_value);
    }
    return 0;
}

int
put_leaky(box *b, PyObject *value)
{
    return replace_leaky(b, value); // expected-warning {{Reference taken with 'Py_INCREF' (held in 'value') is leaked}}
}
