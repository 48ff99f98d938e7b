// The fix for static-object-addobject-unchecked.c: check the result of
// PyModule_AddObject and give back the reference it did not take.
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
    Py_INCREF(&Counter_Type);
    if (PyModule_AddObject(m, "Counter", (PyObject *)&Counter_Type) < 0) {
        Py_DECREF(&Counter_Type);
        return -1;
    }
    return 0;
}

static int
add_flag(PyObject *m)
{
    Py_INCREF(Py_True);
    if (PyModule_AddObject(m, "HAVE_FLAG", Py_True) < 0) {
        Py_DECREF(Py_True);
        return -1;
    }
    return 0;
}
