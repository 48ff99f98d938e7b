// One output pointer too few: PyArg_ParseTuple writes through whatever
// happens to be next on the stack.
//
// RUN: refcheck %s -- -Xclang -verify
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
point(PyObject *self, PyObject *args)
{
    int x, y;
    if (!PyArg_ParseTuple(args, "iii", &x, &y)) // expected-warning {{Format "iii" of 'PyArg_ParseTuple' takes 3 arguments but 2 are passed}}
        return NULL;
    return Py_BuildValue("(ii)", x, y);
}
