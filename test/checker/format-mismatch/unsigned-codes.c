// "k" stores an unsigned long and "I" an unsigned int: the message names
// the unsigned type the code writes. A 32-bit integer given to "k" (as
// dbus-python's message.c does with a dbus_uint32_t) gets only half of the
// 64-bit store, and the other half lands on whatever follows it.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
#include <stdint.h>

static PyObject *
set_serial(PyObject *self, PyObject *args)
{
    uint32_t serial;
    if (!PyArg_ParseTuple(args, "k", &serial)) // expected-warning {{Format code 'k' of 'PyArg_ParseTuple' expects 'unsigned long *' but argument 3 is 'uint32_t *'}}
        return NULL;
    return PyLong_FromUnsignedLong(serial);
}

static PyObject *
get_flags(PyObject *self, PyObject *args)
{
    unsigned long flags = 0;
    unsigned int mask = 0;
    if (!PyArg_ParseTuple(args, "kI", &flags, &mask))
        return NULL;
    return Py_BuildValue("kI", flags, mask);
}

static PyObject *
build_pair(PyObject *self, PyObject *args)
{
    uint32_t a = 1;
    return Py_BuildValue("Kk", (unsigned long long)a, a); // expected-warning {{Format code 'k' of 'Py_BuildValue' expects 'unsigned long' but argument 3 is 'uint32_t'}}
}
