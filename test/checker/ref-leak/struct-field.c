// Storing a new reference into a struct field hands it to the struct (its
// tp_dealloc releases it): nothing leaks here.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *name;
    PyObject *cache;
} ItemObject;

static int
item_init(ItemObject *self, PyObject *args, PyObject *kwds)
{
    PyObject *name = PyUnicode_FromString("item");
    if (name == NULL)
        return -1;
    Py_XSETREF(self->name, name);
    self->cache = PyDict_New();
    if (self->cache == NULL)
        return -1;
    return 0;
}
