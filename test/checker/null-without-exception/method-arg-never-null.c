// Python calls a METH_O function with its argument and a METH_VARARGS one
// with its tuple of arguments: neither is ever NULL, so passing it on
// through Py_XNewRef (or a helper that returns NULL for NULL) has no path
// that returns NULL. The keywords dict of METH_VARARGS|METH_KEYWORDS is
// NULL when the call has none: returning it that way is still reported, as
// is anything under METH_FASTCALL, whose rules differ.
//
// RUN: refcheck %s --enable=null-without-exception -- -Xclang -verify
#include <Python.h>

static PyObject *
same(PyObject *o)
{
    if (o == NULL)
        return NULL;
    return Py_NewRef(o);
}

static PyObject *
echo_one(PyObject *self, PyObject *arg)
{
    return Py_XNewRef(arg);
}

static PyObject *
echo_args(PyObject *self, PyObject *args)
{
    return same(args);
}

static PyObject *
echo_kwargs(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return same(kwargs); // expected-warning {{Returning NULL without setting an exception: Python raises SystemError ('error return without exception set')}}
}

static PyMethodDef methods[] = {
    {"echo_one", echo_one, METH_O, NULL},
    {"echo_args", echo_args, METH_VARARGS, NULL},
    {"echo_kwargs", (PyCFunction)(void (*)(void))echo_kwargs,
     METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL},
};
