// Error helpers of the file that always return NULL (`return set_error(...)`)
// give no reference, even when the analyzer cannot inline them (variadic
// functions are never inlined). A helper that returns real objects does.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
#include <stdarg.h>

static PyObject *
set_error(PyObject *type, const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    PyErr_FormatV(type, fmt, va);
    va_end(va);
    return NULL;
}

static PyObject *
make_label(const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    PyObject *r = PyUnicode_FromFormatV(fmt, va);
    va_end(va);
    return r;
}

static PyObject *
fails_cleanly(PyObject *self, PyObject *arg)
{
    if (!PyLong_Check(arg)) {
        set_error(PyExc_TypeError, "expected int, got %s", Py_TYPE(arg)->tp_name);
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
drops_label(PyObject *self, PyObject *arg)
{
    make_label("%d", 1);
    Py_RETURN_NONE; // expected-warning {{New reference from 'make_label' is leaked}}
}
