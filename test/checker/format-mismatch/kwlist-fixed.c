// The fix for kwlist.c.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
open_file(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"path", "mode", "buffering", NULL};
    const char *path, *mode = "r";
    int buffering = -1;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "s|si", kwlist, &path,
                                     &mode, &buffering))
        return NULL;
    Py_RETURN_NONE;
}
