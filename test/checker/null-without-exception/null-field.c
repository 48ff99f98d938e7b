// A getter returning a field that may be NULL: refcheck cannot see the
// invariant that keeps the field set, so a NULL that only comes from
// assuming a field is NULL is not reported.
//
// RUN: refcheck %s --enable=null-without-exception -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *name;
} Named;

static PyObject *
Named_get_name(Named *self, void *closure)
{
    Py_XINCREF(self->name);
    return self->name;
}

static PyGetSetDef Named_getset[] = {
    {"name", (getter)Named_get_name, NULL, NULL, NULL},
    {NULL},
};
