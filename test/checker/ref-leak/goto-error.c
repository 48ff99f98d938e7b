// The `goto error` idiom: a single cleanup block releases whatever was
// acquired. Here the cleanup forgets `b`.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
concat(PyObject *self, PyObject *args)
{
    PyObject *a = NULL, *b = NULL, *res = NULL;
    a = PyUnicode_FromString("a");
    if (a == NULL)
        goto error;
    b = PyUnicode_FromString("b");
    if (b == NULL)
        goto error;
    // `b` is not used after this line, so its reference is lost here.
    res = PyUnicode_Concat(a, b); // expected-warning {{New reference from 'PyUnicode_FromString' (held in 'b') is leaked}}
error:
    Py_XDECREF(a);
    return res;
}
