// PyModule_AddObject steals its value only when it succeeds. Ignoring its
// result leaks the value when it fails; PyModule_AddObjectRef (or checking
// the result and releasing on failure) is the fix.
//
// RUN: refcheck %s --verify-notes -- -Xclang -verify
#include <Python.h>

static int
add_answer(PyObject *m)
{
    PyObject *v = PyLong_FromLong(1000); // expected-note {{New reference returned by 'PyLong_FromLong'}}
    if (v == NULL) // expected-note {{Assuming 'v' is not equal to NULL}}
        return -1;
    PyModule_AddObject(m, "answer", v); // expected-note {{Assuming 'PyModule_AddObject' fails; it does not take the reference}}
    return 0; // expected-warning {{New reference from 'PyLong_FromLong' (held in 'v') is leaked}}
}
