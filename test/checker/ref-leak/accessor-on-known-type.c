// Some calls fail only when their argument is not of the type they read:
// PyBytes_AsString on bytes, PyObject_Length on a list, PyUnicode_AsWideChar
// on a str. Given an object the path knows is of that type (the result of
// PyUnicode_AsUTF8String, of PySequence_List, of PyObject_Str, or one that
// passed PyBytes_CheckExact), they succeed, and
// the code's check of their failure is dead: nothing leaks on it. On an
// object of any other type, the failure is real, and so is the leak.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
#include <string.h>

static char *
utf8_copy(PyObject *s)
{
    PyObject *b = PyUnicode_AsUTF8String(s);
    if (b == NULL)
        return NULL;
    char *p = PyBytes_AsString(b);
    if (p == NULL)
        return NULL;
    char *r = strdup(p);
    Py_DECREF(b);
    return r;
}

static char *
checked_copy(PyObject *o)
{
    PyObject *b = PyObject_GetAttrString(o, "raw");
    if (b == NULL)
        return NULL;
    if (!PyBytes_CheckExact(b)) {
        Py_DECREF(b);
        return NULL;
    }
    char *p = PyBytes_AsString(b);
    if (p == NULL)
        return NULL;
    char *r = strdup(p);
    Py_DECREF(b);
    return r;
}

static PyObject *
joined_count(PyObject *sep, PyObject *seq)
{
    PyObject *l = PySequence_List(seq);
    if (l == NULL)
        return NULL;
    PyObject *j = PyUnicode_Join(sep, l);
    Py_ssize_t n = PyObject_Length(l);
    Py_DECREF(l);
    if (j == NULL)
        return NULL;
    if (n == -1)
        return NULL;
    return j;
}

/* python-gammu's StringPythonToGammu. */
static wchar_t *
wide_copy(PyObject *o)
{
    PyObject *u = PyObject_Str(o);
    if (u == NULL)
        return NULL;
    Py_ssize_t len = PyUnicode_GET_LENGTH(u) + 1;
    wchar_t *w = PyMem_New(wchar_t, len);
    if (w == NULL) {
        Py_DECREF(u);
        return NULL;
    }
    if (PyUnicode_AsWideChar(u, w, len - 1) < 0) {
        PyMem_Free(w);
        return NULL;
    }
    Py_DECREF(u);
    return w;
}

static char *
any_copy(PyObject *o)
{
    PyObject *b = PyObject_GetAttrString(o, "raw");
    if (b == NULL)
        return NULL;
    char *p = PyBytes_AsString(b);
    if (p == NULL)
        return NULL; // expected-warning {{New reference from 'PyObject_GetAttrString' (held in 'b') is leaked}}
    char *r = strdup(p);
    Py_DECREF(b);
    return r;
}
