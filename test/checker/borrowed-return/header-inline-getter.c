// An inline function of one of the project's own headers (not a system
// header) that returns an object read from storage, taking no reference,
// returns a borrowed reference, as the same function in this file would
// (not-inlined-lookup-helper.c). CPython's _PyFrame_StackPeek and
// _PyErr_Occurred are such functions: when a large caller could not inline
// them, each use was reported as a leaked new reference. A function that
// pops the slot (it moves the index it reads through, as _PyFrame_StackPop)
// hands the storage's reference over: a new reference, as the convention
// says.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
#include "Inputs/frame-stack.h"

/* Looks at the top of the stack: nothing owned, nothing leaked. */
int
top_is_none(frame *f)
{
    PyObject *top = frame_peek(f);
    return top == Py_None;
}

/* Hands the top out without taking a reference: reported. */
PyObject *
top_of(frame *f)
{
    return frame_peek(f); // expected-warning {{Returning a borrowed reference from 'frame_peek' where a new reference is owed}}
}

/* Takes its own reference first: right. */
PyObject *
top_ref(frame *f)
{
    PyObject *top = frame_peek(f);
    Py_INCREF(top);
    return top;
}

/* Pops the top and releases it: the reference was the stack's, now ours. */
void
drop_top(frame *f)
{
    PyObject *top = frame_pop(f);
    Py_DECREF(top);
}

/* Pops the top and forgets it: leaked. */
int
forget_top(frame *f)
{
    PyObject *top = frame_pop(f);
    return top == Py_None; // expected-warning {{New reference from 'frame_pop' (held in 'top') is leaked}}
}
