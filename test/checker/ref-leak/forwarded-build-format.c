// A variadic helper that hands its format and its `va_list` to
// Py_VaBuildValue (apsw's `Call_PythonMethodV(obj, "xDelete", 1, "(Ni)",
// convertutf8string(name), flag)`) treats its varargs as Py_BuildValue
// does: 'N' takes the reference over, also where the helper is not
// inlined. Given with 'O', the reference is still the caller's to release.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
call_method(PyObject *obj, const char *name, const char *format, ...)
{
    va_list list;
    va_start(list, format);
    PyObject *args = Py_VaBuildValue(format, list);
    va_end(list);
    if (!args)
        return NULL;
    PyObject *m = PyObject_GetAttrString(obj, name);
    PyObject *r = m ? PyObject_CallObject(m, args) : NULL;
    Py_XDECREF(m);
    Py_DECREF(args);
    return r;
}

static PyObject *
str_or_none(const char *s)
{
    if (!s)
        Py_RETURN_NONE;
    return PyUnicode_FromString(s);
}

static int
call_with_n(PyObject *obj, const char *s)
{
    PyObject *r = call_method(obj, "x", "(Ni)", str_or_none(s), 1);
    if (!r)
        return -1;
    Py_DECREF(r);
    return 0;
}

static int
call_with_o(PyObject *obj, const char *s)
{
    PyObject *r = call_method(obj, "x", "(Oi)", str_or_none(s), 1); // expected-warning {{New reference from 'PyUnicode_FromString' is leaked [refcheck.ref-leak]}}
    if (!r)
        return -1; // expected-warning {{Reference taken with '_Py_NewRef' on 'Py_None' is leaked [refcheck.ref-leak]}}
    Py_DECREF(r);
    return 0;
}
