// Before Python 3.12 a statically allocated type object has a reference
// count like any object. PyModule_AddObject steals a reference to its value
// when it succeeds, so adding a static type with no Py_INCREF first gives
// the module a reference nobody took: the type's count ends one too low.
//
// RUN: refcheck %s -- -Xclang -verify
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
    if (PyModule_AddObject(m, "Counter", (PyObject *)&Counter_Type) < 0) // expected-warning {{'PyModule_AddObject' steals a reference to 'Counter_Type', a statically allocated object no reference was taken on; add Py_INCREF first}}
        return -1;
    return 0;
}
