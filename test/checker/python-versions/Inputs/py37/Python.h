/* A cut-down stand-in for Python 3.7's object.h, written for these tests:
 * Py_INCREF and Py_DECREF are macros that touch ob_refcnt directly, and
 * Py_DECREF calls _Py_Dealloc when the count drops to zero, itself a macro
 * that calls the type's tp_dealloc. */
#ifndef TEST_PY37_H
#define TEST_PY37_H
#include <stddef.h>
#define PY_MAJOR_VERSION 3
#define PY_MINOR_VERSION 7
typedef ptrdiff_t Py_ssize_t;
typedef struct _object {
    Py_ssize_t ob_refcnt;
    struct _typeobject *ob_type;
} PyObject;
typedef void (*destructor)(PyObject *);
typedef struct _typeobject {
    PyObject ob_base;
    const char *tp_name;
    destructor tp_dealloc;
} PyTypeObject;

#define Py_TYPE(ob) (((PyObject *)(ob))->ob_type)
#define _Py_Dealloc(op) ((*Py_TYPE(op)->tp_dealloc)((PyObject *)(op)))

#define Py_INCREF(op) (((PyObject *)(op))->ob_refcnt++)
#define Py_DECREF(op)                                        \
    do {                                                     \
        PyObject *_tmp_op = (PyObject *)(op);                \
        if (--(_tmp_op)->ob_refcnt != 0)                     \
            ;                                                \
        else                                                 \
            _Py_Dealloc(_tmp_op);                            \
    } while (0)
#define Py_XDECREF(op)                                       \
    do {                                                     \
        PyObject *_tmp_xop = (PyObject *)(op);               \
        if (_tmp_xop != NULL)                                \
            Py_DECREF(_tmp_xop);                             \
    } while (0)

extern PyObject _Py_NoneStruct;
#define Py_None (&_Py_NoneStruct)
#define Py_RETURN_NONE return Py_INCREF(Py_None), Py_None
extern PyObject _Py_TrueStruct;
#define Py_True (&_Py_TrueStruct)

PyObject *PyLong_FromLong(long);
PyObject *PyObject_Repr(PyObject *);
PyObject *PyList_New(Py_ssize_t);
int PyList_Append(PyObject *, PyObject *);
int PyList_SetItem(PyObject *, Py_ssize_t, PyObject *);
int PyModule_AddObject(PyObject *, const char *, PyObject *);
#endif
