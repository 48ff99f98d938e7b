// `Py_INCREF(name); PyUnicode_InternInPlace(&name);` on a parameter: the
// string left in `name` is the caller's, or the interned one, which
// whoever interned it keeps alive. Releasing the function's own reference
// does not free it, so reading it afterwards (CPython's PyObject_SetAttr
// asserts `Py_REFCNT(name) >= 1` there) is no use after release. The
// reference must still be released: forgetting it is a leak.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

int
set_attr_checked(PyObject *v, PyObject *name, PyObject *value)
{
    Py_INCREF(name);
    PyUnicode_InternInPlace(&name);
    int err = PyObject_GenericSetAttr(v, name, value);
    Py_DECREF(name);
    assert(Py_REFCNT(name) >= 1);
    return err;
}

int
set_attr_leaky(PyObject *v, PyObject *name, PyObject *value)
{
    Py_INCREF(name);
    PyUnicode_InternInPlace(&name);
    int err = PyObject_GenericSetAttr(v, name, value); // expected-warning {{New reference from 'PyUnicode_InternInPlace' (held in 'name') is leaked}}
    return err;
}

// A string the function made itself has no other holder: the interned one
// that replaces it is freed with the function's reference.
int
set_attr_made(PyObject *v, const char *text, PyObject *value)
{
    PyObject *name = PyUnicode_FromString(text);
    if (name == NULL)
        return -1;
    PyUnicode_InternInPlace(&name);
    int err = PyObject_GenericSetAttr(v, name, value);
    Py_DECREF(name);
    assert(Py_REFCNT(name) >= 1); // expected-warning {{Object passed to 'Py_REFCNT' after its reference was released}}
    return err;
}
