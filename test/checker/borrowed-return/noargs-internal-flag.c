// Python calls a METH_NOARGS method with NULL for its second parameter.
// CPython's _io uses that parameter from C: `_PyIOBase_check_closed(self,
// Py_True)` asks for a borrowed result, which its C callers only test for
// NULL. The `args == Py_True` branch is not a path of the method Python
// calls. Registered as METH_O, the same function can get Py_True from
// Python, and the borrowed return is reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
check_closed(PyObject *self, PyObject *args)
{
    if (args == Py_True)
        return Py_None; // only for the file's C callers
    Py_RETURN_NONE;
}

static PyObject *
check_closed_o(PyObject *self, PyObject *arg)
{
    if (arg == Py_True)
        return Py_None; // expected-warning {{Returning '_Py_NoneStruct' without taking a reference}}
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"_checkClosed", check_closed, METH_NOARGS, NULL},
    {"check_o", check_closed_o, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
