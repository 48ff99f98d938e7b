// The fix for dereference.c: a missing key is an error the code reports.
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
type_name_of(PyObject *self, PyObject *dict)
{
    PyObject *v = PyDict_GetItemString(dict, "value");
    if (v == NULL) {
        PyErr_SetString(PyExc_KeyError, "value");
        return NULL;
    }
    return PyUnicode_FromString(Py_TYPE(v)->tp_name);
}
