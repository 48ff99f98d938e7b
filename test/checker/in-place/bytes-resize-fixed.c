// _PyBytes_Resize(&b, n) replaces the caller's reference in place. When it
// fails, CPython has already freed the object and left NULL in `b`: nothing
// is left to release. When it succeeds, `b` holds the one reference, to
// whatever object it now points to.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
// expected-no-diagnostics

static PyObject *
make_buffer(Py_ssize_t used)
{
    PyObject *b = PyBytes_FromStringAndSize(NULL, 100);
    if (b == NULL)
        return NULL;
    if (_PyBytes_Resize(&b, used) < 0)
        return NULL;
    return b;
}

// A wrapper with the usual call convention: it takes the caller's
// reference and returns the resized object, or NULL.
__attribute__((cpychecker_steals_reference_to_arg(1)))
static PyObject *
resize_taking(PyObject *b, Py_ssize_t n)
{
    if (_PyBytes_Resize(&b, n) == 0)
        return b;
    return NULL;
}
