// A new reference stored into a field of an object the code just made (and
// owns) belongs to that object now: its dealloc releases it. An error path
// that still releases the local variable then releases it a second time
// (the pattern of a type-info object filled in field by field). The fix
// releases only the owner on that path.
//
// A field owns what is stored into it when the file releases that field
// somewhere (here: Info_dealloc's Py_XDECREF). A field the file never
// releases holds a borrowed pointer (Dummy.borrowed below), and storing
// into it hands nothing over.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *proto;
} InfoObject;

extern PyTypeObject Info_Type;

static void
Info_dealloc(InfoObject *self)
{
    Py_XDECREF(self->proto);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

typedef struct {
    PyObject_HEAD
    PyObject *borrowed; /* a borrowed pointer: the dealloc leaves it alone */
} DummyObject;

extern PyTypeObject Dummy_Type;

/* The reference stays the code's own after the store into a borrowing
   field: releasing it on the error path is right. */
static PyObject *
make_dummy(PyObject *self, PyObject *registry)
{
    DummyObject *dummy = PyObject_New(DummyObject, &Dummy_Type);
    if (dummy == NULL)
        return NULL;
    PyObject *d = PyDict_New();
    if (d == NULL) {
        Py_DECREF(dummy);
        return NULL;
    }
    dummy->borrowed = d;
    if (PyDict_SetItem(registry, (PyObject *)dummy, d) < 0) {
        Py_DECREF(d);
        Py_DECREF(dummy);
        return NULL;
    }
    Py_DECREF(d);
    return (PyObject *)dummy;
}

static PyObject *
make_info(PyObject *self, PyObject *type)
{
    InfoObject *info = PyObject_New(InfoObject, &Info_Type);
    if (info == NULL)
        return NULL;
    PyObject *proto = PyObject_GetAttrString(type, "_type_");
    if (proto == NULL) {
        Py_DECREF(info);
        return NULL;
    }
    info->proto = proto;
    if (PyObject_SetAttrString(type, "_info_", (PyObject *)info) < 0) {
        Py_XDECREF(proto); // expected-warning {{Reference released after it was stored into field 'proto' of an object that owns it}}
        Py_DECREF(info);
        return NULL;
    }
    return (PyObject *)info;
}

static PyObject *
make_info_fixed(PyObject *self, PyObject *type)
{
    InfoObject *info = PyObject_New(InfoObject, &Info_Type);
    if (info == NULL)
        return NULL;
    PyObject *proto = PyObject_GetAttrString(type, "_type_");
    if (proto == NULL) {
        Py_DECREF(info);
        return NULL;
    }
    info->proto = proto;
    if (PyObject_SetAttrString(type, "_info_", (PyObject *)info) < 0) {
        Py_DECREF(info);
        return NULL;
    }
    return (PyObject *)info;
}

/* Storing into an object the code does not own (a parameter) hands the
   reference to memory the checker does not follow: not judged. */
static PyObject *
set_proto(PyObject *self, InfoObject *info)
{
    PyObject *proto = PyLong_FromLong(0);
    if (proto == NULL)
        return NULL;
    Py_XSETREF(info->proto, proto);
    Py_RETURN_NONE;
}
