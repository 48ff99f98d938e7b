// A lookup that fails only when misused (not a capsule, wrong name) sets
// an exception when it does fail: returning NULL after checking it is
// right, and needs no PyErr_SetString.
//
// RUN: refcheck %s --enable=null-without-exception -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
api_version(PyObject *self, PyObject *capsule)
{
    int *version = PyCapsule_GetPointer(capsule, "mymod._C_API");
    if (version == NULL)
        return NULL;
    return PyLong_FromLong(*version);
}

static PyMethodDef methods[] = {
    {"api_version", api_version, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
