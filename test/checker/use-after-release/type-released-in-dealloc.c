// A dealloc that releases the instance's reference to its type before it
// frees the instance through that type (`Py_DECREF(Py_TYPE(self));
// Py_TYPE(self)->tp_free(self);`, ExtensionClass's CA_dealloc): the type is
// still there. An instance's reference is never the type's last one: a
// heap type's tp_mro holds the type itself, and a static type is never
// freed. (The usual order frees first and releases the type last.)
//
// The buggy twin reads a field's object after releasing the reference the
// instance held on it: that one may have been the last.
//
// RUN: refcheck %s --verify-notes -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *callable;
} Holder;

static void
type_first_dealloc(Holder *self)
{
    Py_DECREF(self->callable);
    Py_DECREF(Py_TYPE(self));
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static void
field_used_dealloc(Holder *self)
{
    Py_DECREF(self->callable); // expected-note {{Last owned reference released by 'Py_DECREF'; the object may be freed}}
    if (Py_TYPE(self->callable)->tp_flags & Py_TPFLAGS_HAVE_GC) // expected-warning {{Object passed to 'Py_TYPE' after its reference was released}}
        PyErr_Clear();
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject TypeFirst = {
    PyVarObject_HEAD_INIT(NULL, 0) "type_first", sizeof(Holder), 0,
    (destructor)type_first_dealloc,
};

static PyTypeObject FieldUsed = {
    PyVarObject_HEAD_INIT(NULL, 0) "field_used", sizeof(Holder), 0,
    (destructor)field_used_dealloc,
};
