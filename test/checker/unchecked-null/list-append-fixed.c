// The fix for list-append.c: check the new object before using it.
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static int
append_number(PyObject *list, long i)
{
    PyObject *item = PyLong_FromLong(i);
    if (item == NULL)
        return -1;
    int rc = PyList_Append(list, item);
    Py_DECREF(item);
    return rc;
}
