// The fix for field-read.c.
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
first_char(PyObject *self, PyObject *str)
{
    const char *s = PyUnicode_AsUTF8(str);
    if (s == NULL)
        return NULL;
    return PyLong_FromLong(s[0]);
}
