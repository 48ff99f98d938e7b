// The fix for static-type-addobject.c: take the reference PyModule_AddObject
// steals, and give it back when the call fails and steals nothing.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyTypeObject Counter_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "demo.Counter",
    .tp_basicsize = sizeof(PyObject),
};

static int
add_counter_type(PyObject *m)
{
    if (PyType_Ready(&Counter_Type) < 0)
        return -1;
    Py_INCREF(&Counter_Type);
    if (PyModule_AddObject(m, "Counter", (PyObject *)&Counter_Type) < 0) {
        Py_DECREF(&Counter_Type);
        return -1;
    }
    return 0;
}

/* PyModule_AddObjectRef takes a reference of its own: nothing to take. */
static int
add_counter_type_ref(PyObject *m)
{
    return PyModule_AddObjectRef(m, "Counter", (PyObject *)&Counter_Type);
}
