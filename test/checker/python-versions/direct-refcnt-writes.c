// Very old code, and tp_dealloc functions that resurrect their object, set
// ob_refcnt by hand. After such a write refcheck stops judging that object's
// count instead of guessing; objects the code does not touch that way are
// still checked.
//
// RUN: refcheck %s -- -Xclang -verify
#include "Inputs/py37/Python.h"

extern void call_finalizer(PyObject *self);

static void
resurrecting_dealloc(PyObject *self)
{
    self->ob_refcnt = 1;          /* keep it alive during the finalizer */
    call_finalizer(self);
    if (--self->ob_refcnt != 0)   /* resurrected */
        return;
    _Py_Dealloc(self);
}

static void
dealloc_that_leaks(PyObject *self)
{
    self->ob_refcnt = 1;
    PyObject *note = PyObject_Repr(self);
    if (note == NULL)
        return;
    call_finalizer(note);
} // expected-warning {{New reference from 'PyObject_Repr' (held in 'note') is leaked}}
