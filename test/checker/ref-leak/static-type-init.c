// A statically allocated type object is never a heap type: only type_new
// and PyType_FromSpec make those. So the heap-type branch of an object's
// initialisation (CPython's _PyObject_Init in pycore_object.h, 3.8's
// PyObject_INIT) is not taken for it, and no reference to the type is taken.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    double value;
} Num;

static PyTypeObject Num_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "num.Num",
    .tp_basicsize = sizeof(Num),
};

/* The shape of the internal headers' fast initialisation. */
static inline void
init_object(PyObject *op, PyTypeObject *typeobj)
{
    Py_SET_TYPE(op, typeobj);
    if (PyType_HasFeature(typeobj, Py_TPFLAGS_HEAPTYPE)) {
        Py_INCREF(typeobj);
    }
    _Py_NewReference(op);
}

/* And the shape of the limited API's, which asks for the flags. */
static inline void
init_object_limited(PyObject *op, PyTypeObject *typeobj)
{
    Py_SET_TYPE(op, typeobj);
    if (PyType_GetFlags(typeobj) & Py_TPFLAGS_HEAPTYPE) {
        Py_INCREF(typeobj);
    }
    _Py_NewReference(op);
}

PyObject *
num_new(double value)
{
    Num *op = PyObject_Malloc(sizeof(Num));
    if (op == NULL)
        return PyErr_NoMemory();
    init_object((PyObject *)op, &Num_Type);
    op->value = value;
    return (PyObject *)op;
}

PyObject *
num_new_limited(double value)
{
    Num *op = PyObject_Malloc(sizeof(Num));
    if (op == NULL)
        return PyErr_NoMemory();
    init_object_limited((PyObject *)op, &Num_Type);
    op->value = value;
    return (PyObject *)op;
}

/* A type given by the caller may be a heap type: the branch stays. */
PyObject *
num_new_of(PyTypeObject *type, double value)
{
    Num *op = PyObject_Malloc(sizeof(Num));
    if (op == NULL)
        return PyErr_NoMemory();
    init_object((PyObject *)op, type);
    op->value = value;
    return (PyObject *)op;
}

/* A reference taken on the static type and never handed over is still a
 * leak. */
PyObject *
num_type_get(void)
{
    Py_INCREF(&Num_Type);
    return PyLong_FromLong(0); // expected-warning {{Reference taken with 'Py_INCREF' on 'Num_Type' is leaked}}
}
