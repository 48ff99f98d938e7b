// PyList_Append(list, PyLong_FromLong(i)): when the allocation fails, NULL
// goes into PyList_Append, which raises SystemError over the MemoryError
// (and the real error is lost).
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
#include <Python.h>

static int
append_number(PyObject *list, long i)
{
    PyObject *item = PyLong_FromLong(i);
    int rc = PyList_Append(list, item); // expected-warning {{Result of 'PyLong_FromLong' may be NULL and is passed to 'PyList_Append' without a NULL check}}
    Py_XDECREF(item);
    return rc;
}
