#include <Python.h>

typedef struct {
    PyObject_HEAD
    int status;
    PyObject *module;
} Query;

PyObject *status_result(int status);
PyObject *module_attribute(PyObject *module);

/* self as a sentinel: "no result of its own". */
static PyObject *
pending_result(Query *self)
{
    if (self->status == 1) {
        Py_INCREF(Py_None);
        return Py_None;
    }
    if (self->status > 1)
        return status_result(self->status);
    return (PyObject *)self;
}

/* The helper's None and status_result's new objects are never self. */
static PyObject *
query_len(PyObject *self, PyObject *unused)
{
    PyObject *tmp;
    if ((tmp = pending_result((Query *)self)) != self)
        return tmp;
    return PyLong_FromLong(1);
}

static PyObject *
attribute_or_self(Query *self)
{
    if (self->status)
        return module_attribute(self->module);
    return (PyObject *)self;
}

/* The twin: module_attribute may hand back self itself, and on that path
   its reference is leaked. */
static PyObject *
query_default(PyObject *self, PyObject *unused)
{
    PyObject *tmp;
    if ((tmp = attribute_or_self((Query *)self)) != self)
        return tmp;
    return PyLong_FromLong(2);
}

static PyMethodDef query_methods[] = {
    {"len", query_len, METH_NOARGS, NULL},
    {"default", query_default, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

PyTypeObject QueryType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "Query",
    .tp_basicsize = sizeof(Query),
    .tp_methods = query_methods,
};
