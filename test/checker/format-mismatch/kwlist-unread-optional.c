// PyArg_ParseTupleAndKeywords reads as many codes as the keyword list has
// entries. When the format goes on with '|' or '$' after them, CPython
// stops there without an error, so the codes left over are never read and
// need no varargs (python-zstandard's "y*|O:compress" with one keyword).
// When what follows is a code, Python raises SystemError (kwlist.c), as in
// the twin below.
//
// RUN: refcheck %s -- -Xclang -verify
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
compress(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"data", NULL};
    Py_buffer source;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "y*|O:compress", kwlist,
                                     &source))
        return NULL;
    PyBuffer_Release(&source);
    Py_RETURN_NONE;
}

static PyObject *
compress_level(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"data", NULL};
    Py_buffer source;
    int level = 3;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "y*i:compress", kwlist, // expected-warning {{Keyword list has 1 entries but format "y*i:compress" has 2 codes: Python raises SystemError}}
                                     &source, &level))
        return NULL;
    PyBuffer_Release(&source);
    Py_RETURN_NONE;
}
