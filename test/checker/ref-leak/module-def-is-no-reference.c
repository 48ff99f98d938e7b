// PyModule_GetDef hands back a pointer to the module's static PyModuleDef.
// Its first member starts with PyObject_HEAD, but it is no reference to
// release: comparing it with the definition leaks nothing (rpm's
// MyType_GetModuleByDef). The buggy twin leaks the module state's object.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static struct PyModuleDef moduledef;

static PyObject *
module_of(PyTypeObject *type)
{
    PyObject *mro = type->tp_mro;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(mro); i++) {
        PyObject *m = PyType_GetModule((PyTypeObject *)PyTuple_GET_ITEM(mro, i));
        if (m && PyModule_GetDef(m) == &moduledef)
            return m;
        PyErr_Clear();
    }
    PyErr_SetString(PyExc_TypeError, "no module");
    return NULL;
}

static PyObject *
module_name(PyObject *m)
{
    if (PyModule_GetDef(m) != &moduledef) {
        PyErr_SetString(PyExc_TypeError, "not our module");
        return NULL;
    }
    PyObject *name = PyModule_GetNameObject(m);
    if (!name)
        return NULL;
    return PyLong_FromLong(PyObject_Length(name)); // expected-warning {{New reference from 'PyModule_GetNameObject' (held in 'name') is leaked}}
}
