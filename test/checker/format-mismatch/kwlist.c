// PyArg_ParseTupleAndKeywords needs one keyword per format code: here the
// list names two for three codes, and Python raises SystemError.
//
// RUN: refcheck %s -- -Xclang -verify
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
open_file(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"path", "mode", NULL};
    const char *path, *mode = "r";
    int buffering = -1;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "s|si", kwlist, &path, // expected-warning {{Keyword list has 2 entries but format "s|si" has 3 codes: Python raises SystemError}}
                                     &mode, &buffering))
        return NULL;
    Py_RETURN_NONE;
}
