// PyLong_AsUnsignedLongMask masks an int (or an int subclass's value)
// without raising; it calls __index__, which can raise, only on other
// objects. After `PyLong_Check(o)` (the Py_TPFLAGS_LONG_SUBCLASS bit)
// tested true, its -1 is a value (rpm's hdrAppendItem after validItem). On
// a bool, every PyLong_As* conversion gives 0 or 1 (cvxopt's base_syrk,
// after PyBool_Check). The last function is the buggy twin: without the
// check, the -1 may come with an exception.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
low_bits(PyObject *self, PyObject *arg)
{
    if (!PyLong_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "an int is required");
        return NULL;
    }
    unsigned long bits = PyLong_AsUnsignedLongMask(arg);
    return PyLong_FromUnsignedLong(bits & 0xff);
}

static PyObject *
flag(PyObject *self, PyObject *arg)
{
    if (!PyBool_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "a bool is required");
        return NULL;
    }
    long on = PyLong_AsLong(arg);
    return PyLong_FromLong(on ? 2 : 3);
}

static PyObject *
any_bits(PyObject *self, PyObject *arg)
{
    unsigned long bits = PyLong_AsUnsignedLongMask(arg);
    return PyLong_FromUnsignedLong(bits & 0xff); // expected-warning {{Result of 'PyLong_AsUnsignedLongMask' may be -1 with an exception set}}
}

static PyMethodDef methods[] = {
    {"low_bits", low_bits, METH_O, NULL},
    {"flag", flag, METH_O, NULL},
    {"any_bits", any_bits, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
