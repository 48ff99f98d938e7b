// A call that runs Python code checks what it got back
// (_Py_CheckFunctionResult): a result with an exception set becomes a
// failure. So PyObject_CallObject and its kin, called after an unchecked
// call that failed and set an exception, fail too, and a path on which
// they succeed is one on which the earlier call succeeded (ijson's
// `a = PySequence_GetSlice(...); b = PySequence_GetSlice(...); r =
// PyObject_CallObject(T, a); if (!r) ...; Py_DECREF(b);`: b is not NULL
// there). Where the call's own failure is not checked, its NULL still
// reaches what crashes on it (pyodbc's `ldict = PyObject_CallMethod(module,
// "localeconv", 0); PyDict_GetItemString(ldict, ...)` after an unchecked
// import).
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyTypeObject ReaderType;

static PyObject *
make_reader(PyObject *self, PyObject *args)
{
    PyObject *reader_args = PySequence_GetSlice(args, 0, 2);
    PyObject *items_args = PySequence_GetSlice(args, 2, 4);
    PyObject *reader = PyObject_CallObject((PyObject *)&ReaderType, reader_args);
    if (!reader) {
        Py_XDECREF(items_args);
        Py_XDECREF(reader_args);
        return NULL;
    }
    Py_DECREF(items_args);
    Py_DECREF(reader_args);
    return reader;
}

static PyObject *
call_unchecked(PyObject *self, PyObject *args)
{
    PyObject *head = PySequence_GetSlice(args, 0, 2);
    PyObject *r = PyObject_CallObject(self, args);
    Py_DECREF(head); // expected-warning {{Result of 'PySequence_GetSlice' may be NULL and is passed to 'Py_DECREF' without a NULL check}}
    return r;
}

static PyObject *
decimal_point(PyObject *self, PyObject *module)
{
    PyObject *dot = PyUnicode_FromString(".");
    PyObject *conv = PyObject_CallMethod(module, "localeconv", NULL);
    PyObject *point = PyDict_GetItemString(conv, "decimal_point"); // expected-warning {{Result of 'PyObject_CallMethod' may be NULL and is passed to 'PyDict_GetItemString' without a NULL check}}
    Py_XDECREF(conv);
    if (!dot)
        return NULL;
    if (!point)
        return dot;
    Py_DECREF(dot);
    return Py_NewRef(point);
}

static PyMethodDef methods[] = {
    {"make_reader", make_reader, METH_VARARGS, NULL},
    {"call_unchecked", call_unchecked, METH_VARARGS, NULL},
    {"decimal_point", decimal_point, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
