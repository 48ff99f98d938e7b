// Py_TYPE() reads a field of a borrowed lookup result that may be NULL:
// PyDict_GetItemString returns NULL when the key is missing.
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
#include <Python.h>

static PyObject *
type_name_of(PyObject *self, PyObject *dict)
{
    PyObject *v = PyDict_GetItemString(dict, "value");
    return PyUnicode_FromString(Py_TYPE(v)->tp_name); // expected-warning {{Result of 'PyDict_GetItemString' may be NULL and is passed to 'Py_TYPE' without a NULL check}}
}
