// A pointer the path knows is NULL holds no reference, so handing it to a
// call that takes the reference is not a steal of a borrowed one. CPython's
// _gen_throw: the optional arguments PyArg_UnpackTuple leaves NULL get a
// Py_XINCREF (which does nothing to NULL) and go to the in-place
// PyErr_NormalizeException with the rest. The twin forgets the reference
// to the type, which is reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
throw_(PyObject *self, PyObject *args)
{
    PyObject *typ, *val = NULL, *tb = NULL;
    if (!PyArg_UnpackTuple(args, "throw", 1, 3, &typ, &val, &tb))
        return NULL;
    if (tb == Py_None)
        tb = NULL;
    else if (tb != NULL && !PyTraceBack_Check(tb)) {
        PyErr_SetString(PyExc_TypeError, "bad traceback");
        return NULL;
    }
    Py_INCREF(typ);
    Py_XINCREF(val);
    Py_XINCREF(tb);
    PyErr_NormalizeException(&typ, &val, &tb);
    PyErr_Restore(typ, val, tb);
    return NULL;
}

static PyObject *
throw_unowned(PyObject *self, PyObject *args)
{
    PyObject *typ, *val = NULL, *tb = NULL;
    if (!PyArg_UnpackTuple(args, "throw", 1, 3, &typ, &val, &tb))
        return NULL;
    PyErr_Restore(typ, NULL, NULL); // expected-warning {{'PyErr_Restore' steals a reference, but this one is borrowed (from 'PyArg_UnpackTuple'); add Py_INCREF first}}
    return NULL;
}

static PyMethodDef methods[] = {
    {"throw", throw_, METH_VARARGS, NULL},
    {"throw_unowned", throw_unowned, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
