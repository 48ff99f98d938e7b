// `PyTuple_SET_ITEM(t, i, v); Py_INCREF(v);`: the reference the container
// takes over is the one taken by the very next statement (apsw's
// `PyTuple_SET_ITEM(args, 1, self->dependents); Py_INCREF(self->dependents);`).
// The same holds for a slot (`PyTuple_SET_ITEM(t, i, row->values[i]);
// Py_INCREF(row->values[i]);`) and for a statically allocated object
// (pyodbc's `PyModule_AddObject(m, "Row", (PyObject *)&RowType);
// Py_INCREF((PyObject *)&RowType);`, and `Py_True`).
// A steal with no Py_INCREF right after it, or one of another object, is
// still a steal of a borrowed reference.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *dependents;
} ConnectionObject;

static PyObject *
pack_argument(PyObject *self, PyObject *o)
{
    PyObject *t = PyTuple_New(1);
    if (!t)
        return NULL;
    PyTuple_SET_ITEM(t, 0, o);
    Py_INCREF(o);
    return t;
}

static PyObject *
raise_with_dependents(ConnectionObject *self, PyObject *unused)
{
    PyObject *t = PyTuple_New(1);
    if (!t)
        return NULL;
    PyTuple_SET_ITEM(t, 0, self->dependents);
    Py_INCREF(self->dependents);
    PyErr_SetObject(PyExc_ValueError, t);
    Py_DECREF(t);
    return NULL;
}

static PyObject *
pack_borrowed(PyObject *self, PyObject *o)
{
    PyObject *t = PyTuple_New(1);
    if (!t)
        return NULL;
    PyTuple_SET_ITEM(t, 0, o); // expected-warning {{'PyTuple_SET_ITEM' steals a reference, but this one is borrowed (a parameter); add Py_INCREF first [refcheck.steal-of-borrowed]}}
    return t;
}

static PyObject *
pack_then_take_self(PyObject *self, PyObject *o)
{
    PyObject *t = PyTuple_New(1);
    if (!t)
        return NULL;
    PyTuple_SET_ITEM(t, 0, o); // expected-warning {{'PyTuple_SET_ITEM' steals a reference, but this one is borrowed (a parameter); add Py_INCREF first [refcheck.steal-of-borrowed]}}
    Py_INCREF(self);
    return t; // expected-warning {{Reference taken with 'Py_INCREF' (held in 'self') is leaked [refcheck.ref-leak]}}
}

typedef struct {
    PyObject_HEAD
    Py_ssize_t count;
    PyObject *values[8];
} RowObject;

static PyObject *
row_slice(RowObject *row, PyObject *unused)
{
    PyObject *t = PyTuple_New(row->count);
    if (!t)
        return NULL;
    for (Py_ssize_t i = 0; i < row->count; i++) {
        PyTuple_SET_ITEM(t, i, row->values[i]);
        Py_INCREF(row->values[i]);
    }
    return t;
}

static PyTypeObject Row_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "demo.Row",
    .tp_basicsize = sizeof(RowObject),
};

static PyTypeObject Cursor_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "demo.Cursor",
    .tp_basicsize = sizeof(PyObject),
};

/* pyodbc does not check PyModule_AddObject: where it fails, nothing was
 * stolen, and the reference taken right after is leaked. */
static int
add_flag(PyObject *module)
{
    PyModule_AddObject(module, "pooling", Py_True);
    Py_INCREF(Py_True);
    return 0; // expected-warning {{Reference taken with 'Py_INCREF' on 'Py_True' is leaked}}
}

static int
add_row_type(PyObject *module)
{
    if (PyType_Ready(&Row_Type) < 0)
        return -1;
    if (PyModule_AddObject(module, "Row", (PyObject *)&Row_Type) < 0)
        return -1;
    Py_INCREF((PyObject *)&Row_Type);
    return 0;
}

static int
add_cursor_type(PyObject *module)
{
    if (PyType_Ready(&Cursor_Type) < 0)
        return -1;
    if (PyModule_AddObject(module, "Cursor", (PyObject *)&Cursor_Type) < 0) // expected-warning {{'PyModule_AddObject' steals a reference to 'Cursor_Type', a statically allocated object no reference was taken on; add Py_INCREF first}}
        return -1;
    Py_INCREF((PyObject *)&Row_Type);
    return 0; // expected-warning {{Reference taken with 'Py_INCREF' on 'Row_Type' is leaked}}
}
