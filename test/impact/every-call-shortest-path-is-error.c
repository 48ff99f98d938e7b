// Impact: every-call. `list` leaks on the error return and on the success
// return. The path shown is the shorter one (PyObject_SetAttrString fails),
// but the same leak happens on every call, and that is its impact.
//
// RUN: %expect-exit 1 refcheck %s | FileCheck %s
#include <Python.h>

static PyObject *
tag_with_list(PyObject *self, PyObject *obj)
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    if (PyObject_SetAttrString(obj, "tagged", Py_True) < 0)
        return NULL;
    if (PyObject_SetAttrString(obj, "tagged_twice", Py_True) < 0)
        return NULL;
    Py_RETURN_NONE;
}

// CHECK: warning: New reference from 'PyList_New' (held in 'list') is leaked [refcheck.ref-leak]{{$}}
// CHECK: 1 finding.
