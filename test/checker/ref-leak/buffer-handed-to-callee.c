// A callee given a pointer into an object's own memory (the bytes buffer
// of `read(fd, PyBytes_AS_STRING(b), n)`, a field's address) may write
// there; it has no reference to the object and cannot release it. The
// object stays the code's to release: a leak after such a call is
// reported, and a reference taken on the object afterwards is one more
// the code owns (cbor2's fp_read_object then set_shareable, which was
// read as returning an object whose reference PyList_SetItem stole).
//
// Only data: a pointer to a struct inside the object lets the callee
// change the fields the code's later releases depend on, and the object is
// no longer judged, as before (mrab-regex's scanner takes a reference to
// itself where `state->lock` is set, and releases it where it is still set
// after the call it handed `state` to).
//
// RUN: refcheck %s --verify-notes -- -Xclang -verify
#include <Python.h>

typedef struct Reader Reader;
struct Reader {
    PyObject_HEAD
    int (*fill)(Reader *, char *, Py_ssize_t);
    PyObject *shareables;
};

Py_ssize_t read_into(int fd, char *buf, Py_ssize_t n);

static PyObject *
read_leaks(PyObject *self, PyObject *arg)
{
    PyObject *b = PyBytes_FromStringAndSize(NULL, 16); // expected-note {{New reference returned by 'PyBytes_FromStringAndSize'}}
    if (b == NULL) // expected-note {{Assuming 'b' is not equal to NULL}}
        return NULL;
    if (read_into(0, PyBytes_AS_STRING(b), 16) < 0) // expected-note {{Assuming the condition is true}}
        return PyErr_SetFromErrno(PyExc_OSError); // expected-warning {{New reference from 'PyBytes_FromStringAndSize' (held in 'b') is leaked}}
    return b;
}

static PyObject *
read_releases(PyObject *self, PyObject *arg)
{
    PyObject *b = PyBytes_FromStringAndSize(NULL, 16);
    if (b == NULL)
        return NULL;
    if (read_into(0, PyBytes_AS_STRING(b), 16) < 0) {
        Py_DECREF(b);
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return b;
}

static PyObject *
fill_object(Reader *self, Py_ssize_t size)
{
    PyObject *b = PyBytes_FromStringAndSize(NULL, size);
    if (b == NULL)
        return NULL;
    if (self->fill(self, PyBytes_AS_STRING(b), size) == -1) {
        Py_DECREF(b);
        return NULL;
    }
    return b;
}

static PyObject *
read_and_share(Reader *self, PyObject *arg)
{
    PyObject *b = fill_object(self, 16);
    if (b == NULL)
        return NULL;
    Py_INCREF(b);
    if (PyList_SetItem(self->shareables, 0, b) < 0) {
        Py_DECREF(b);
        return NULL;
    }
    return b;
}

static PyMethodDef methods[] = {
    {"read_leaks", read_leaks, METH_NOARGS, NULL},
    {"read_releases", read_releases, METH_NOARGS, NULL},
    {"read_and_share", (PyCFunction)read_and_share, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
