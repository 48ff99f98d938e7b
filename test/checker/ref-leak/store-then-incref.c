// Storing first and taking the reference afterwards is a common order in
// CPython itself (buffer getters, tp_init): the reference belongs to the field.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static int
getbuf(PyObject *self, Py_buffer *view, int flags)
{
    view->obj = self;
    Py_INCREF(self);
    view->buf = NULL;
    return 0;
}

typedef struct {
    PyObject_HEAD
    PyObject *target;
} ProxyObject;

static int
proxy_init(ProxyObject *self, PyObject *target)
{
    self->target = target;
    Py_INCREF(target);
    return 0;
}
