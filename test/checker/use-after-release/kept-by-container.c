// PyList_Append, PyDict_SetItem, PyObject_SetAttr and friends do not steal:
// they take a reference of their own. After the usual Py_DECREF the object
// lives on in the container, so using it is fine (the pattern of CPython's
// blocks output buffer). Without such a call, the same use is reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static char *
append_block(PyObject *list)
{
    PyObject *b = PyBytes_FromStringAndSize(NULL, 64);
    if (b == NULL)
        return NULL;
    if (PyList_Append(list, b) < 0) {
        Py_DECREF(b);
        return NULL;
    }
    Py_DECREF(b);
    return PyBytes_AS_STRING(b);     /* the list keeps b alive */
}

static char *
lose_block(PyObject *list)
{
    PyObject *b = PyBytes_FromStringAndSize(NULL, 64);
    if (b == NULL)
        return NULL;
    Py_DECREF(b);
    return PyBytes_AS_STRING(b); // expected-warning {{Object passed to 'PyBytes_AS_STRING' after its reference was released}}
}
