// PyModule_GetState and PyType_GetModuleByDef fail only when misused (a
// module without state, a type from another module). Code does not check
// them by idiom, and refcheck does not ask it to.
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

typedef struct {
    PyObject *error;
} module_state;

static PyObject *
raise_error(PyObject *module, PyObject *unused)
{
    module_state *st = PyModule_GetState(module);
    PyErr_SetString(st->error, "failed");
    return NULL;
}

static PyMethodDef methods[] = {
    {"raise_error", raise_error, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
