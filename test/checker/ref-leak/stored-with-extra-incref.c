// A field takes one reference. `Py_INCREF(payload); self->payload = payload;`
// is right for a borrowed argument, and leaks one reference when the
// object was made in the function (psycopg2's notify_init, on every call
// without a payload). The fix stores the new reference as it is.
//
// RUN: refcheck %s -- -Xclang -verify
// RUN: %expect-exit 1 refcheck %s 2>&1 | FileCheck %s
// CHECK: note: One reference stored into field 'payload'; 1 reference still owned
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *payload;
} Notify;

static int
notify_init(Notify *self, PyObject *args)
{
    PyObject *payload = NULL;
    if (!PyArg_ParseTuple(args, "|O", &payload))
        return -1;
    if (payload == NULL) {
        payload = PyUnicode_FromString("");
        if (payload == NULL)
            return -1;
    }
    Py_INCREF(payload);
    self->payload = payload;
    return 0; // expected-warning {{New reference from 'PyUnicode_FromString' (held in 'payload') is leaked}}
}

static int
notify_init_fixed(Notify *self, PyObject *args)
{
    PyObject *payload = NULL;
    if (!PyArg_ParseTuple(args, "|O", &payload))
        return -1;
    if (payload == NULL) {
        payload = PyUnicode_FromString("");
        if (payload == NULL)
            return -1;
    }
    else
        Py_INCREF(payload);
    self->payload = payload;
    return 0;
}

static void
notify_dealloc(Notify *self)
{
    Py_CLEAR(self->payload);
    Py_TYPE(self)->tp_free((PyObject *)self);
}
