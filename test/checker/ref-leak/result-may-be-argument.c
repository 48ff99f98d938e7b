// A new object is not equal to a pointer the code had before it was made
// (fresh-compared-with-argument.c). Some calls may hand back an object the
// caller already had, though: PyObject_Str of an exact str returns its
// argument, with a new reference; so do PyNumber_Long of an int,
// PyUnicode_FromObject of a str, and a whole-tuple PyTuple_GetSlice. The
// branch where the result *is* the argument is a real path, and a leak on
// it is reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

PyObject *
as_text_leaky(PyObject *o)
{
    PyObject *s = PyObject_Str(o);
    if (s == NULL)
        return NULL;
    if (s == o) { // an exact str: s is o, with a reference of its own
        Py_INCREF(o); // expected-warning {{New reference from 'PyObject_Str' (held in 's') is leaked}}
        return o;
    }
    return s;
}

PyObject *
as_text(PyObject *o)
{
    PyObject *s = PyObject_Str(o);
    if (s == NULL)
        return NULL;
    if (s == o)
        return s;
    return s;
}

// A list is always made new: the comparison with the argument is false.
PyObject *
as_list(PyObject *o)
{
    PyObject *l = PySequence_List(o);
    if (l == NULL)
        return NULL;
    if (l == o) {
        Py_INCREF(o);
        return o;
    }
    return l;
}
