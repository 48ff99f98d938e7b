// _PyUnicode_FromId (CPython's own modules, 3.11 and older) makes the
// identifier's str the first time and fails only then, on a memory error.
// Once an earlier call on the path resolved the same identifier, by itself
// or through a *Id helper such as _PyObject_SetAttrId, it returns the cached
// string: the result needs no NULL check (_cursesmodule.c
// update_lines_cols).
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

_Py_IDENTIFIER(LINES);
_Py_IDENTIFIER(COLS);

static int
publish(PyObject *module, PyObject *dict, PyObject *value)
{
    if (_PyObject_SetAttrId(module, &PyId_LINES, value))
        return -1;
    /* PyId_LINES is resolved now. */
    if (PyDict_SetItem(dict, _PyUnicode_FromId(&PyId_LINES), value))
        return -1;
    PyObject *cols = _PyUnicode_FromId(&PyId_COLS);
    if (cols == NULL)
        return -1;
    if (PyDict_SetItem(dict, _PyUnicode_FromId(&PyId_COLS), value))
        return -1;
    return 0;
}

static PyObject *
publish_py(PyObject *self, PyObject *args)
{
    PyObject *module, *dict, *value;
    if (!PyArg_ParseTuple(args, "OO!O", &module, &PyDict_Type, &dict, &value))
        return NULL;
    if (publish(module, dict, value) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"publish", publish_py, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
