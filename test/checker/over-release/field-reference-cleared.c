// A field that holds a reference and is proven to point at the same object
// as a borrowed one: clearing the field hands its reference to the code, so
// releasing the borrowed name afterwards releases the field's reference,
// not the caller's. pycurl's share close and CPython's type_set_bases
// rollback are of this shape:
//
//   if (easy->share == self) { easy->share = NULL; Py_DECREF(self); }
//
// The checker stops judging the object once the field is overwritten. Where
// the field is not proven to hold it, the release is still reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *owner;
} EasyObject;

static PyObject *
detach(PyObject *self, PyObject *arg)
{
    EasyObject *easy = (EasyObject *)arg;
    if (easy->owner == self) {
        easy->owner = NULL;
        Py_DECREF(self); // the reference the field held
    }
    Py_RETURN_NONE;
}

static PyObject *
detach_other(PyObject *self, PyObject *arg)
{
    EasyObject *easy = (EasyObject *)arg;
    if (easy->owner != NULL) {
        easy->owner = NULL;
        Py_DECREF(self); // expected-warning {{Borrowed reference (a parameter) is released; the code does not own it}}
    }
    Py_RETURN_NONE;
}

/* An item borrowed from a tuple, equal to what the field held. */
static PyObject *
rollback(PyObject *self, PyObject *args)
{
    EasyObject *easy = (EasyObject *)self;
    PyObject *item = PyTuple_GetItem(args, 0);
    if (item == NULL)
        return NULL;
    if (easy->owner == item) {
        easy->owner = Py_NewRef(Py_None);
        Py_DECREF(item); // the reference the field held
    }
    Py_RETURN_NONE;
}

static PyObject *
rollback_unrelated(PyObject *self, PyObject *args)
{
    EasyObject *easy = (EasyObject *)self;
    PyObject *item = PyTuple_GetItem(args, 0);
    if (item == NULL)
        return NULL;
    easy->owner = NULL;
    Py_DECREF(item); // expected-warning {{Borrowed reference from 'PyTuple_GetItem' is released; the code does not own it}}
    Py_RETURN_NONE;
}
