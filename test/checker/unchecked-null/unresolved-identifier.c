// The twin of resolved-identifier.c: the first _PyUnicode_FromId of an
// identifier on the path allocates its str, and can fail.
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
#include <Python.h>

_Py_IDENTIFIER(LINES);
_Py_IDENTIFIER(COLS);

static PyObject *
publish(PyObject *self, PyObject *args)
{
    PyObject *dict, *value;
    if (!PyArg_ParseTuple(args, "O!O", &PyDict_Type, &dict, &value))
        return NULL;
    if (_PyDict_SetItemId(dict, &PyId_COLS, value) < 0)
        return NULL;
    /* COLS was resolved above, LINES never was. */
    if (PyDict_SetItem(dict, _PyUnicode_FromId(&PyId_LINES), value)) // expected-warning {{Result of '_PyUnicode_FromId' may be NULL and is passed to 'PyDict_SetItem' without a NULL check}}
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"publish", publish, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
