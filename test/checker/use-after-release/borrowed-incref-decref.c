// Py_INCREF on a borrowed object, then Py_DECREF: the reference we took is
// gone, but the lender's still keeps the object alive, so using it
// afterwards is fine. (The pattern of datetime's time_hash.)
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

typedef struct {
    PyObject_HEAD
    Py_hash_t hashcode;
} Obj;

static Py_hash_t
obj_hash(Obj *self)
{
    PyObject *self0 = (PyObject *)self;
    Py_INCREF(self0);
    PyObject *r = PyObject_Repr(self0);
    Py_DECREF(self0);
    if (r == NULL)
        return -1;
    self->hashcode = PyObject_Hash(r);   /* self is still the caller's */
    Py_DECREF(r);
    return self->hashcode;
}
