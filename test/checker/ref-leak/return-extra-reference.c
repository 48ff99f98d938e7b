// A function that returns a new reference hands its caller one reference.
// Taking another on an object it already owns (`Py_INCREF(r); return r;`
// of something it just made) leaks that one on every call: the object is
// never freed. Stored somewhere first (a cache field), the extra reference
// belongs to the store and nothing leaks.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

PyObject *
make_list(PyObject *self, PyObject *unused)
{
    PyObject *r = PyList_New(0);
    if (r == NULL)
        return NULL;
    Py_INCREF(r);
    return r; // expected-warning {{New reference from 'PyList_New' (held in 'r') is returned with an extra reference, which is leaked}}
}

PyObject *
make_list_fixed(PyObject *self, PyObject *unused)
{
    PyObject *r = PyList_New(0);
    if (r == NULL)
        return NULL;
    return r;
}

typedef struct {
    PyObject_HEAD
    PyObject *cache;
} CacheObject;

/* The field keeps one reference, the caller gets the other. */
PyObject *
cached_list(CacheObject *self, PyObject *unused)
{
    PyObject *r = PyList_New(0);
    if (r == NULL)
        return NULL;
    Py_XSETREF(self->cache, r);
    Py_INCREF(r);
    return r;
}

/* The same with a static cache: the static keeps one reference. */
PyObject *
get_type(void)
{
    static PyObject *cached = NULL;
    PyObject *mod, *type;
    if (cached) {
        Py_INCREF(cached);
        return cached;
    }
    mod = PyImport_ImportModule("decimal");
    if (mod == NULL)
        return NULL;
    type = PyObject_GetAttrString(mod, "Decimal");
    Py_DECREF(mod);
    if (type) {
        Py_INCREF(type);
        cached = type;
    }
    return type;
}

/* A borrowed argument returned with one reference taken is right. */
PyObject *
identity(PyObject *self, PyObject *arg)
{
    Py_INCREF(arg);
    return arg;
}
