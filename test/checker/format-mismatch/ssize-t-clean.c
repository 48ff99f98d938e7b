// '#' formats without PY_SSIZE_T_CLEAN: Python 3.10 to 3.12 raise
// SystemError at the call.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

#if PY_MINOR_VERSION >= 10 && PY_MINOR_VERSION < 13
static PyObject *
length(PyObject *self, PyObject *args)
{
    const char *s;
    int n;
    if (!PyArg_ParseTuple(args, "s#", &s, &n)) // expected-warning-re {{Format code 's#' needs PY_SSIZE_T_CLEAN defined before Python.h: Python 3.{{1[0-2]}} raises SystemError}}
        return NULL;
    return PyLong_FromLong(n);
}
#else
#warning "this test needs Python 3.10 to 3.12 headers" // expected-warning {{this test needs}}
#endif
