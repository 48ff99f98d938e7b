// A setter (PyGetSetDef) returns -1 after clearing the exception it got
// from a failed conversion: the error is lost and Python raises SystemError.
//
// RUN: refcheck %s --enable=null-without-exception --verify-notes -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    long size;
} Box;

static int
Box_set_size(Box *self, PyObject *value, void *closure)
{
    long n = PyLong_AsLong(value);
    if (n == -1 && PyErr_Occurred()) { // expected-note {{Assuming the condition is true}} expected-note {{Assuming an exception is set}}
        PyErr_Clear(); // expected-note {{'PyErr_Clear' leaves no exception set}}
        return -1; // expected-warning {{Returning -1 without setting an exception: Python raises SystemError}}
    }
    self->size = n;
    return 0;
}

static PyGetSetDef Box_getset[] = {
    {"size", NULL, (setter)Box_set_size, NULL, NULL},
    {NULL},
};
