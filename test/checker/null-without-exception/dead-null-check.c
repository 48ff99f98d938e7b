// PyModule_GetDict cannot fail: a NULL check on it is dead code, and the
// NULL returned there is not reported.
//
// RUN: refcheck %s --enable=null-without-exception -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
module_dict_size(PyObject *self, PyObject *module)
{
    PyObject *d = PyModule_GetDict(module);
    if (d == NULL)
        return NULL;
    return PyLong_FromSsize_t(PyDict_Size(d));
}

static PyMethodDef methods[] = {
    {"module_dict_size", module_dict_size, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
