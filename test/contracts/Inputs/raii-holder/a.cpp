#include "holder.h"

/* Clean: the holder owns the new string and releases it. */
static PyObject *length_of_str(PyObject *self, PyObject *arg) {
    Holder s(PyObject_Str(arg));
    if (s.get() == NULL)
        return NULL;
    return PyLong_FromSsize_t(PyUnicode_GetLength(s.get()));
}

/* Buggy twin: the holder will release a reference it was never given. */
static PyObject *hold_arg(PyObject *self, PyObject *arg) {
    Holder h(arg);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"length_of_str", length_of_str, METH_O, NULL},
    {"hold_arg", hold_arg, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
