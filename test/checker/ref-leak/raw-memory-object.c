// An object made from raw memory: PyObject_Malloc, then PyObject_Init (or
// _Py_NewReference, as CPython's own allocators do). From then on the
// caller owns its one reference. PyObject_Init hands its argument back:
// its result is the same object, not a second reference.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    int v;
} Box;
static PyTypeObject Box_Type;

/* Clean: the one reference is returned; PyObject_Init's result is
   not a reference of its own to leak. */
static PyObject *
box_new_raw(PyObject *self, PyObject *unused)
{
    Box *op = (Box *)PyObject_Malloc(sizeof(Box));
    if (op == NULL)
        return PyErr_NoMemory();
    PyObject_Init((PyObject *)op, &Box_Type);
    op->v = 0;
    return (PyObject *)op;
}

/* Clean: the result of PyObject_INIT is the object. */
static PyObject *
box_new_init(PyObject *self, PyObject *unused)
{
    Box *op = (Box *)PyObject_Malloc(sizeof(Box));
    if (op == NULL)
        return PyErr_NoMemory();
    return PyObject_INIT(op, &Box_Type);
}

/* Clean: released once made. */
static PyObject *
box_drop(PyObject *self, PyObject *unused)
{
    PyObject *op = (PyObject *)PyObject_Malloc(sizeof(Box));
    if (op == NULL)
        return PyErr_NoMemory();
    _Py_NewReference(op);
    Py_SET_TYPE(op, &Box_Type);
    Py_DECREF(op);
    Py_RETURN_NONE;
}

/* Clean: _Py_NewReference on an object the code already had (here, the
   one a failed PyObject_Realloc left in place, as CPython's resize_compact
   does): it keeps the references it had, the writer's. */
typedef struct {
    PyObject *buf;
} Writer;

static int
writer_regrow(Writer *w, size_t size)
{
    PyObject *bigger = (PyObject *)PyObject_Realloc(w->buf, size);
    if (bigger == NULL) {
        _Py_NewReference(w->buf);
        PyErr_NoMemory();
        return -1;
    }
    _Py_NewReference(bigger);
    w->buf = bigger;
    return 0;
}

/* Bug: the new object is dropped when 'flag' is false. */
static PyObject *
box_leak(PyObject *self, PyObject *flag)
{
    Box *op = (Box *)PyObject_Malloc(sizeof(Box));
    if (op == NULL)
        return PyErr_NoMemory();
    PyObject_Init((PyObject *)op, &Box_Type);
    if (!PyObject_IsTrue(flag))
        Py_RETURN_NONE; // expected-warning {{New reference from 'PyObject_Init' (held in 'op') is leaked}}
    return (PyObject *)op;
}

static PyMethodDef methods[] = {
    {"a", box_new_raw, METH_NOARGS, NULL},
    {"b", box_new_init, METH_NOARGS, NULL},
    {"c", box_drop, METH_NOARGS, NULL},
    {"d", box_leak, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
