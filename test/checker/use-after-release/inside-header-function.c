// A use after release that happens inside a function a header defines
// (3.11's static inline PyBytes_AS_STRING reads op->ob_sval) is reported at
// the call in this file, the line to fix, not inside the Python header.
// Reduced from pylibmc's get(): Py_DECREF(key), then PyBytes_AS_STRING(key)
// in the error message.
//
// RUN: refcheck %s -- -Xclang -verify
// The finding belongs to the function that makes the call.
// RUN: %expect-exit 1 refcheck --format=json %s | FileCheck %s
// CHECK: "file": "{{.*}}release-then-size.h"
// CHECK: "function": "release_then_size"
// CHECK: "file": "{{.*}}inside-header-function.c"
// CHECK: "function": "message_after_release"
// CHECK-NOT: "function"
#include <Python.h>

static PyObject *
message_after_release(PyObject *self, PyObject *arg)
{
    PyObject *key = PyBytes_FromString("k");
    if (key == NULL)
        return NULL;
    Py_DECREF(key);
    PyErr_Format(PyExc_KeyError, "no key %s",
                 PyBytes_AS_STRING(key)); // expected-warning {{after its reference was released}}
    return NULL;
}

// A header of the project's own keeps its reports: the bug is written
// there (CPython's _testcapimodule.c includes testcapi_long.h as code).
#include "Inputs/release-then-size.h"
// expected-warning@Inputs/release-then-size.h:6 {{after its reference was released}}

static PyObject *
size_of_new_list(PyObject *self, PyObject *arg)
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    return PyLong_FromSsize_t(release_then_size(list));
}

// The fixed version reads the key while it is still held.
static PyObject *
message_before_release(PyObject *self, PyObject *arg)
{
    PyObject *key = PyBytes_FromString("k");
    if (key == NULL)
        return NULL;
    PyErr_Format(PyExc_KeyError, "no key %s", PyBytes_AS_STRING(key));
    Py_DECREF(key);
    return NULL;
}
