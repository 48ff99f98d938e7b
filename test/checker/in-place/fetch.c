// When an exception was set, `value` and `traceback` may be set as well:
// releasing only `type` leaks them.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static int
swallow(void)
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    if (type == NULL)
        return 0;
    Py_DECREF(type); // expected-warning {{New reference from 'PyErr_Fetch' (held in 'value') is leaked}} expected-warning {{New reference from 'PyErr_Fetch' (held in 'tb') is leaked}}
    return 1;
}
