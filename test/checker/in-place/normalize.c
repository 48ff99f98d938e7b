// After PyErr_NormalizeException the three variables hold the references:
// a path that keeps only the value leaks the type and the traceback.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
fetch_value(void)
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (type == NULL)
        return NULL;
    return value; // expected-warning {{New reference from 'PyErr_NormalizeException' (held in 'type') is leaked}} expected-warning {{New reference from 'PyErr_NormalizeException' (held in 'tb') is leaked}}
}
