// Before Python 3.12, Py_True and static type objects have a reference
// count. PyModule_AddObject steals the reference taken for it only when it
// succeeds: with its result ignored, the reference leaks when it fails.
//
// RUN: refcheck %s --verify-notes -- -Xclang -verify
#include <Python.h>

static PyTypeObject Counter_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "demo.Counter",
    .tp_basicsize = sizeof(PyObject),
};

static int
add_counter_type(PyObject *m)
{
    Py_INCREF(&Counter_Type);
    PyModule_AddObject(m, "Counter", (PyObject *)&Counter_Type); // expected-note {{Assuming 'PyModule_AddObject' fails; it does not take the reference}}
    return 0; // expected-warning {{Reference taken with 'Py_INCREF' on 'Counter_Type' is leaked}}
}

static int
add_flag(PyObject *m)
{
    Py_INCREF(Py_True);
    PyModule_AddObject(m, "HAVE_FLAG", Py_True); // expected-note {{Assuming 'PyModule_AddObject' fails; it does not take the reference}}
    return 0; // expected-warning {{Reference taken with 'Py_INCREF' on 'Py_True' is leaked}}
}
