// PyDict_SetItem and PyList_Append take a reference of their own: the
// caller still owns the one it had and must release it. The path note at
// the store says so; it is not a steal (cbor2's stringref stored a new
// index in its dict and never released it, and the note said the dict had
// stolen a reference).
//
// RUN: refcheck %s --verify-notes -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *refs;
} Encoder;

static PyObject *
remember_leaks(Encoder *self, PyObject *value)
{
    PyObject *index = PyLong_FromSsize_t(PyDict_Size(self->refs)); // expected-note {{New reference returned by 'PyLong_FromSsize_t'}}
    if (index == NULL) // expected-note {{Assuming 'index' is not equal to NULL}}
        return NULL;
    if (PyDict_SetItem(self->refs, value, index) < 0) // expected-note {{'PyDict_SetItem' takes a reference of its own; 1 reference still owned}}
                                                      // expected-note@-1 {{Assuming the condition is false}}
        return NULL;
    Py_RETURN_NONE; // expected-warning {{New reference from 'PyLong_FromSsize_t' (held in 'index') is leaked}}
}

static PyObject *
remember_releases(Encoder *self, PyObject *value)
{
    PyObject *index = PyLong_FromSsize_t(PyDict_Size(self->refs));
    if (index == NULL)
        return NULL;
    int rc = PyDict_SetItem(self->refs, value, index);
    Py_DECREF(index);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"remember_leaks", (PyCFunction)remember_leaks, METH_O, NULL},
    {"remember_releases", (PyCFunction)remember_releases, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
