// PyLong_AsLongAndOverflow and PyLong_AsUnsignedLongMask raise only when
// they have to call __index__: on an int they report overflow through the
// flag, or mask, and their -1 is a value. After PyLong_CheckExact, or on an
// object a PyLong_From* constructor made, the result needs no
// PyErr_Occurred() check (CPython's _cursesmodule.c PyCurses_ConvertToChtype,
// exceptions.c SyntaxError_str).
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

static PyObject *
clamp(PyObject *self, PyObject *arg)
{
    if (PyLong_CheckExact(arg)) {
        int overflow;
        long v = PyLong_AsLongAndOverflow(arg, &overflow);
        if (overflow)
            v = overflow > 0 ? LONG_MAX : LONG_MIN;
        return PyLong_FromLong(v);
    }
    Py_RETURN_NONE;
}

static PyObject *
low_bits(PyObject *self, PyObject *text)
{
    const char *digits = PyUnicode_AsUTF8(text);
    if (digits == NULL)
        return NULL;
    PyObject *num = PyLong_FromString(digits, NULL, 0);
    if (num == NULL)
        return NULL;
    unsigned long bits = PyLong_AsUnsignedLongMask(num);
    Py_DECREF(num);
    return PyLong_FromUnsignedLong(bits & 0xff);
}

static PyMethodDef methods[] = {
    {"clamp", clamp, METH_O, NULL},
    {"low_bits", low_bits, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
