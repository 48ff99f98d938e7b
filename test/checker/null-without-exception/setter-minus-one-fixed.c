// The fix for setter-minus-one.c: keep the conversion's exception (or set
// another one) when returning -1.
//
// RUN: refcheck %s --enable=null-without-exception -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

typedef struct {
    PyObject_HEAD
    long size;
} Box;

static int
Box_set_size(Box *self, PyObject *value, void *closure)
{
    long n = PyLong_AsLong(value);
    if (n == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        PyErr_SetString(PyExc_TypeError, "size must be an int");
        return -1;
    }
    self->size = n;
    return 0;
}

static PyGetSetDef Box_getset[] = {
    {"size", NULL, (setter)Box_set_size, NULL, NULL},
    {NULL},
};
