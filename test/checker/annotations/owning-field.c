// A struct field marked REFCHECK_OWNS_REF holds a reference of its own: a
// borrowed object stored there needs a Py_INCREF before the function
// returns, or the field later releases a reference it never got. An owned
// reference stored there moves into the field and is not a leak.
//
// RUN: refcheck %s --verify-notes --extra-arg=-I%srcroot/include -- -Xclang -verify
#include <Python.h>
#include "refcheck/annotations.h"

typedef struct {
    PyObject_HEAD
    PyObject *callback REFCHECK_OWNS_REF;
    PyObject *weak_hint;              /* not owning: no rule applies */
} Holder;

static PyObject *
set_callback(Holder *self, PyObject *callback)
{
    self->callback = callback; // expected-note {{Borrowed reference stored into owning field 'callback'; it needs a Py_INCREF}}
    Py_RETURN_NONE; // expected-warning {{No Py_INCREF for the borrowed reference stored into owning field 'callback'; the field will release a reference it never got}}
}

static PyObject *
set_callback_fixed(Holder *self, PyObject *callback)
{
    self->callback = callback;
    Py_INCREF(callback);
    Py_RETURN_NONE;
}

static PyObject *
set_callback_newref(Holder *self, PyObject *callback)
{
    Py_XSETREF(self->callback, Py_NewRef(callback));
    Py_RETURN_NONE;
}

static PyObject *
set_hint(Holder *self, PyObject *hint)
{
    self->weak_hint = hint;
    Py_RETURN_NONE;
}

static PyObject *
store_new(Holder *self, PyObject *unused)
{
    PyObject *v = PyLong_FromLong(1);
    if (v == NULL)
        return NULL;
    self->callback = v;               /* the field owns it now */
    Py_RETURN_NONE;
}
