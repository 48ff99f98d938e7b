// PyUnicode_AppendAndDel(&s, right) is PyUnicode_Append that also releases
// `right`, whether or not it succeeds: the caller gives its reference away.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
// expected-no-diagnostics

static PyObject *
exclaim(PyObject *text)
{
    PyObject *s = PyUnicode_FromString("> ");
    if (s == NULL)
        return NULL;
    PyUnicode_Append(&s, text);
    if (s == NULL)
        return NULL;
    PyUnicode_AppendAndDel(&s, PyUnicode_FromString("!"));
    return s;
}
