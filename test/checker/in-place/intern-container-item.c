// Interning a container's item in place: the variable borrows the item,
// PyUnicode_InternInPlace gives back the container's reference and leaves
// one to the interned string, which the code writes back into the slot
// (CPython's intern_string_constants). The reference belongs to the
// container all along: nothing is leaked, nothing over-released. A string
// the code owns and interns is still judged.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static void
intern_items(PyObject *tuple)
{
    for (Py_ssize_t i = PyTuple_GET_SIZE(tuple); --i >= 0; ) {
        PyObject *v = PyTuple_GET_ITEM(tuple, i);
        if (!PyUnicode_CheckExact(v))
            continue;
        PyObject *w = v;
        PyUnicode_InternInPlace(&v);
        if (w != v)
            PyTuple_SET_ITEM(tuple, i, v);
    }
}

static PyObject *
interned_then_dropped(const char *text)
{
    PyObject *s = PyUnicode_FromString(text);
    if (s == NULL)
        return NULL;
    PyUnicode_InternInPlace(&s);
    Py_RETURN_NONE; // expected-warning {{New reference from 'PyUnicode_InternInPlace' (held in 's') is leaked}}
}

// A borrowed parameter has no owner here to write the new string back to.
static void
intern_argument(PyObject *name)
{
    PyUnicode_InternInPlace(&name); // expected-warning {{'PyUnicode_InternInPlace' steals a reference, but this one is borrowed (a parameter); add Py_INCREF first}}
} // expected-warning {{New reference from 'PyUnicode_InternInPlace' (held in 'name') is leaked}}
