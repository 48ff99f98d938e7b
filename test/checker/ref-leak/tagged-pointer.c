// Code that stores objects as tagged pointers (integer arithmetic on the
// address, as _elementtree's JOIN_SET) moves them where refcheck cannot
// follow: the object is no longer judged, rather than reported as leaked.
// An object that is never turned into an integer is still checked.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
#include <stdint.h>

#define TAG(p, flag) ((void *)((uintptr_t)(p) | (flag)))

typedef struct {
    PyObject_HEAD
    void *text;
} Elem;

static PyObject *
set_text(Elem *self, PyObject *arg)
{
    PyObject *text = PyObject_Str(arg);
    if (text == NULL)
        return NULL;
    self->text = TAG(text, 1);
    Py_RETURN_NONE;
}

static PyObject *
lose_text(Elem *self, PyObject *arg)
{
    PyObject *text = PyObject_Str(arg);
    if (text == NULL)
        return NULL;
    Py_RETURN_NONE; // expected-warning {{New reference from 'PyObject_Str' (held in 'text') is leaked}}
}
