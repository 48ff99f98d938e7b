// PyUnicode_AppendAndDel takes the reference to `right` even when it fails:
// releasing it afterwards is an over-release.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
exclaim(const char *text)
{
    PyObject *s = PyUnicode_FromString(text);
    if (s == NULL)
        return NULL;
    PyObject *bang = PyUnicode_FromString("!");
    if (bang == NULL) {
        Py_DECREF(s);
        return NULL;
    }
    PyUnicode_AppendAndDel(&s, bang);
    Py_DECREF(bang); // expected-warning {{Reference released after it was stolen by 'PyUnicode_AppendAndDel'}}
    return s;
}
