// PyErr_Fetch gives three new references, or three NULLs when no exception
// is set: once `type` is known to be NULL, `value` and `traceback` are NULL
// too, and there is nothing to release.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
// expected-no-diagnostics

static int
swallow(void)
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    if (type == NULL)
        return 0;
    Py_DECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    return 1;
}
