// Python calls a method or slot with its object first (the instance, the
// module, the type): never NULL. A defensive `if (o == NULL)` in a helper
// the slot hands its object to is dead code there, and its bare
// `return NULL` is not reported (CPython's longobject.c: long_divrem's
// checks on a copy of the first operand).
//
// RUN: refcheck %s --enable=null-without-exception -- -Xclang -verify
// expected-no-diagnostics
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
    return same(self);
}

static PyType_Slot tag_slots[] = {
    {Py_tp_call, tag_call},
    {0, NULL},
};
