// The corrected twins: take a reference before returning it.
//
// RUN: refcheck %s -- -Xclang -verify
// RUN: refcheck %s --api-db=%S/Inputs/refcounts.dat -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
nothing(PyObject *self, PyObject *args)
{
    Py_RETURN_NONE;
}

static PyObject *
nothing_incref(PyObject *self, PyObject *args)
{
    Py_INCREF(Py_None);
    return Py_None;
}

static PyObject *
first(PyObject *self, PyObject *list)
{
    PyObject *item = PyList_GetItem(list, 0);
    if (item == NULL)
        return NULL;
    return Py_NewRef(item);
}

static PyObject *
identity(PyObject *self, PyObject *arg)
{
    Py_INCREF(arg);
    return arg;
}

/* Multi-phase initialisation returns the module def: correct by design,
 * even where refcounts.dat calls PyModuleDef_Init's result borrowed. */
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "m"};

PyMODINIT_FUNC
PyInit_m(void)
{
    return PyModuleDef_Init(&def);
}

/* The same, without PyModuleDef_Init: the def itself, cast (CPython's
 * _testmultiphase does this). */
static struct PyModuleDef def2 = {PyModuleDef_HEAD_INIT, "m2"};

PyMODINIT_FUNC
PyInit_m2(void)
{
    return (PyObject *)&def2;
}
