// Reading the bytes of a conversion result that may be NULL:
// PyUnicode_AsUTF8 fails for strings with lone surrogates.
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
#include <Python.h>

static PyObject *
first_char(PyObject *self, PyObject *str)
{
    const char *s = PyUnicode_AsUTF8(str);
    return PyLong_FromLong(s[0]); // expected-warning {{Result of 'PyUnicode_AsUTF8' may be NULL and is dereferenced without a NULL check}}
}
