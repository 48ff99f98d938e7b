/* A cut-down stand-in for Python 3.12's object.h, written for these tests:
 * Py_INCREF and Py_DECREF are static inline functions that skip immortal
 * objects (None, small ints), wrapped in same-named macros. */
#ifndef TEST_PY312_H
#define TEST_PY312_H
#include <stddef.h>
#include <stdint.h>
#define PY_MAJOR_VERSION 3
#define PY_MINOR_VERSION 12
typedef ptrdiff_t Py_ssize_t;
typedef struct _object {
    union {
        Py_ssize_t ob_refcnt;
        uint32_t ob_refcnt_split[2];
    };
    struct _typeobject *ob_type;
} PyObject;
#define _PyObject_CAST(op) ((PyObject *)(op))
typedef struct _typeobject {
    PyObject ob_base;
    const char *tp_name;
} PyTypeObject;
#define _Py_IMMORTAL_REFCNT 0x3fffffff

void _Py_Dealloc(PyObject *);

static inline int _Py_IsImmortal(PyObject *op) {
    return (int32_t)op->ob_refcnt < 0;
}
static inline void Py_INCREF(PyObject *op) {
    uint32_t cur = op->ob_refcnt_split[0];
    uint32_t next = cur + 1;
    if (next == 0)
        return; /* immortal */
    op->ob_refcnt_split[0] = next;
}
#define Py_INCREF(op) Py_INCREF(_PyObject_CAST(op))
static inline void Py_DECREF(PyObject *op) {
    if (_Py_IsImmortal(op))
        return;
    if (--op->ob_refcnt == 0)
        _Py_Dealloc(op);
}
#define Py_DECREF(op) Py_DECREF(_PyObject_CAST(op))
static inline void Py_SET_REFCNT(PyObject *ob, Py_ssize_t refcnt) {
    if (_Py_IsImmortal(ob))
        return;
    ob->ob_refcnt = refcnt;
}

extern PyObject _Py_NoneStruct;
#define Py_None (&_Py_NoneStruct)
#define Py_RETURN_NONE return Py_None /* immortal since 3.12 */
extern PyObject _Py_TrueStruct;
#define Py_True (&_Py_TrueStruct)

PyObject *PyLong_FromLong(long);
PyObject *PyObject_Repr(PyObject *);
PyObject *PyList_New(Py_ssize_t);
int PyList_SetItem(PyObject *, Py_ssize_t, PyObject *);
int PyModule_AddObject(PyObject *, const char *, PyObject *);
#endif
