/* The C half of the `boxes` package (test/confirm/attribution.test), in a
 * src/ layout: the extension is the top-level module `_boxes` next to the
 * package, and its type's tp_name ("Box") names no module, so Python
 * reports the type's module as builtins. Every test builds a Box, and
 * building one leaks: a test that leaks says little about the method it
 * calls until a test that builds a Box without calling it is measured. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    long size;
} BoxObject;

/* tp_init: leaks a list on every call, so every test that builds a Box
 * leaks one reference per run. */
static int
box_init(BoxObject *self, PyObject *args, PyObject *kwds)
{
    PyObject *scratch = PyList_New(0);
    if (scratch == NULL)
        return -1;
    self->size = 3;
    return 0;                        /* leaks `scratch` */
}

/* Leaks only when the size is negative, which no test makes happen: the
 * tests that call it leak through box_init only. */
static PyObject *
box_fill(BoxObject *self, PyObject *unused)
{
    PyObject *items = PyList_New(0);
    if (items == NULL)
        return NULL;
    if (self->size < 0) {
        PyErr_SetString(PyExc_ValueError, "negative size");
        return NULL;                 /* leaks `items` */
    }
    Py_DECREF(items);
    return PyLong_FromLong(self->size);
}

/* Leaks an int on every call: its test leaks more than building a Box
 * does. */
static PyObject *
box_label(BoxObject *self, PyObject *unused)
{
    PyObject *n = PyLong_FromLong(self->size + 1000);
    if (n == NULL)
        return NULL;
    return PyUnicode_FromFormat("box of %S", n);   /* leaks `n` */
}

/* Leaks only when PyTuple_New fails for want of memory: no test can make
 * that happen. */
static PyObject *
box_pair(BoxObject *self, PyObject *unused)
{
    PyObject *a = PyLong_FromLong(self->size);
    if (a == NULL)
        return NULL;
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;                 /* leaks `a` */
    PyTuple_SET_ITEM(t, 0, a);
    return t;
}

static PyMethodDef box_methods[] = {
    {"fill", (PyCFunction)box_fill, METH_NOARGS, NULL},
    {"label", (PyCFunction)box_label, METH_NOARGS, NULL},
    {"pair", (PyCFunction)box_pair, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject BoxType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "Box",
    .tp_basicsize = sizeof(BoxObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)box_init,
    .tp_methods = box_methods,
};

static struct PyModuleDef boxes_module = {
    PyModuleDef_HEAD_INIT, "_boxes", NULL, -1, NULL,
};

PyMODINIT_FUNC
PyInit__boxes(void)
{
    if (PyType_Ready(&BoxType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&boxes_module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddObjectRef(m, "Box", (PyObject *)&BoxType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
