// PyType_GetName and PyType_GetQualName allocate a new str for a static type
// and can fail, but a heap type (made by PyType_FromSpec and friends) keeps
// its names as objects (ht_name, ht_qualname) and hands them out without
// allocating: the result needs no NULL check (CPython's
// _testcapimodule.c test_get_type_name).
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyType_Slot slots[] = {{0, NULL}};
static PyType_Spec spec = {"mod.Heap", sizeof(PyObject), 0, 0, slots};

static PyObject *
heap_type_name(PyObject *self, PyObject *unused)
{
    PyObject *tp = PyType_FromSpec(&spec);
    if (tp == NULL)
        return NULL;
    PyObject *name = PyType_GetName((PyTypeObject *)tp);
    PyObject *qualname = PyType_GetQualName((PyTypeObject *)tp);
    Py_DECREF(name);
    Py_DECREF(qualname);
    return tp;
}

static PyMethodDef methods[] = {
    {"heap_type_name", heap_type_name, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
