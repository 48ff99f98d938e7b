// Py_BuildValue reads its varargs by the format: "l" reads a long where an
// int was passed; "O" takes its own reference to a fresh object, which is
// then leaked ("N" hands it over); "N" on Py_None releases a reference
// nobody took.
//
// RUN: refcheck %s --disable=ref-leak -- -Xclang -verify
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
describe(PyObject *self, PyObject *args)
{
    int count = 3;
    return Py_BuildValue("(lON)", count, // expected-warning {{Format code 'l' of 'Py_BuildValue' expects 'long' but argument 2 is 'int'}}
                         PyUnicode_FromString("x"), // expected-warning {{Format code 'O' takes its own reference to the new reference from 'PyUnicode_FromString', which is leaked; use 'N'}}
                         Py_None); // expected-warning {{Format code 'N' steals a reference, but '_Py_NoneStruct' is a static object; use 'O'}}
}
