// Py_XNewRef(o) takes a reference when o is not NULL and hands back NULL
// otherwise. On the NULL path nothing is returned that could be borrowed:
// that path is not a borrowed-return. (CPython's own Py_XNewRef in
// Objects/object.c was reported as one.) The twin below returns the
// object itself, not NULL, without the reference it owes.
//
// RUN: refcheck %s --disable=null-without-exception -- -Xclang -verify
#include <Python.h>

PyObject *
cached_or_null(PyObject *obj)
{
    return Py_XNewRef(obj);
}

PyObject *
cached_or_null_inline(PyObject *obj)
{
    return _Py_XNewRef(obj);
}

PyObject *
cached_when_set(PyObject *obj)
{
    if (obj == NULL)
        return NULL;
    return obj; // expected-warning {{Returning a borrowed reference (a parameter) where a new reference is owed; add Py_NewRef()}}
}
