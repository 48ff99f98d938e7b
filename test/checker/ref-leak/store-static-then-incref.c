// A statically allocated object stored into memory before the reference is
// taken: `*presult = Py_None; Py_INCREF(*presult);` (CPython's generator
// send) and `self->x = Py_None; Py_INCREF(Py_None);`. The Py_INCREF that
// follows a store takes the reference for that memory, as it does for any
// other object (store-then-incref.c). One Py_INCREF per store: a second one
// is a reference nobody took over.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *target;
} ProxyObject;

static int
proxy_reset(ProxyObject *self)
{
    Py_XDECREF(self->target);
    self->target = Py_None;
    Py_INCREF(Py_None);
    return 0;
}

static int
send_exhausted(PyObject **presult)
{
    *presult = Py_None;
    Py_INCREF(*presult);
    return 1;
}

static int
proxy_reset_twice(ProxyObject *self)
{
    Py_XDECREF(self->target);
    self->target = Py_None;
    Py_INCREF(Py_None);
    Py_INCREF(Py_None);
    return 0; // expected-warning {{Reference taken with 'Py_INCREF' on 'Py_None' is leaked [refcheck.ref-leak]}}
}

// A type object stored into an object's field and then given its reference
// (apsw's `self->cursor_factory = (PyObject *)&APSWCursorType;
// Py_INCREF(self->cursor_factory);`) is held by that field too.
extern PyTypeObject CursorType;

typedef struct {
    PyObject_HEAD
    PyObject *factory;
} ConnectionObject;

static PyObject *
connection_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    ConnectionObject *self = (ConnectionObject *)type->tp_alloc(type, 0);
    if (self != NULL) {
        self->factory = (PyObject *)&CursorType;
        Py_INCREF(self->factory);
    }
    return (PyObject *)self;
}

static int
connection_reset_factory(ConnectionObject *self)
{
    Py_XDECREF(self->factory);
    self->factory = (PyObject *)&CursorType;
    Py_INCREF(&CursorType);
    return 0;
}

static int
connection_reset_factory_twice(ConnectionObject *self)
{
    Py_XDECREF(self->factory);
    self->factory = (PyObject *)&CursorType;
    Py_INCREF(&CursorType);
    Py_INCREF(&CursorType);
    return 0; // expected-warning {{Reference taken with 'Py_INCREF' on 'CursorType' is leaked [refcheck.ref-leak]}}
}

// A type stored into a field with no Py_INCREF after it is a borrowed
// pointer (tp_base): the Py_INCREF before PyModule_AddObject, after another
// call, is for the module, not for tp_base.
extern PyTypeObject BaseType, SubType;

static int
add_types(PyObject *m)
{
    SubType.tp_base = &BaseType;
    if (PyType_Ready(&SubType) < 0)
        return -1;
    Py_INCREF(&BaseType);
    if (PyModule_AddObject(m, "Base", (PyObject *)&BaseType) < 0) {
        Py_DECREF(&BaseType);
        return -1;
    }
    return 0;
}

// The Py_INCREF must come right after the store: here the reference was
// taken first, through a tagged pointer refcheck does not follow
// (_elementtree's JOIN_OBJ), and the Py_RETURN_NONE after the release is
// the caller's reference, not the field's.
#define TAG_OBJ(p) ((PyObject *)((uintptr_t)(p) & ~(uintptr_t)1))

static PyObject *
proxy_set_impl(ProxyObject *self, PyObject *arg)
{
    PyObject *old = TAG_OBJ(self->target);
    PyObject *v = PyLong_Check(arg) ? arg : Py_None;
    Py_INCREF(TAG_OBJ(v));
    self->target = v;
    Py_DECREF(old);
    Py_RETURN_NONE;
}

static PyObject *
proxy_set(PyObject *self, PyObject *arg)
{
    return proxy_set_impl((ProxyObject *)self, arg);
}
