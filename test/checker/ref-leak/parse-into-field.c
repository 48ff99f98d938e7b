// PyArg_ParseTuple can write its borrowed reference straight into a field
// of the object being initialised; the Py_INCREF that follows takes the
// reference the field keeps, as after `self->payload = obj`. Taking one on
// an object parsed into a local variable and never handing it on is still
// a leak. (The pattern of psycopg2's replication message __init__.)
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *payload;
} Message;

static int
message_init(PyObject *obj, PyObject *args, PyObject *kwds)
{
    Message *self = (Message *)obj;
    if (!PyArg_ParseTuple(args, "O", &self->payload))
        return -1;
    Py_INCREF(self->payload);
    return 0;
}

static int
message_init_leaky(PyObject *obj, PyObject *args, PyObject *kwds)
{
    PyObject *payload;
    if (!PyArg_ParseTuple(args, "O", &payload))
        return -1;
    Py_INCREF(payload);
    return 0; // expected-warning {{Reference taken with 'Py_INCREF' (held in 'payload') is leaked}}
}
