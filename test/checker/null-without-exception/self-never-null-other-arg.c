// The twin of self-never-null.c: only the first parameter is known. A
// call without keywords passes kwargs as NULL, and the same helper then
// returns NULL without an exception.
//
// RUN: refcheck %s --enable=null-without-exception -- -Xclang -verify
#include <Python.h>

static PyObject *
same(PyObject *o)
{
    if (o == NULL)
        return NULL;
    return Py_NewRef(o);
}

static PyObject *
tag_call(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return same(kwargs); // expected-warning {{Returning NULL without setting an exception: Python raises SystemError ('error return without exception set')}}
}

static PyType_Slot tag_slots[] = {
    {Py_tp_call, tag_call},
    {0, NULL},
};
