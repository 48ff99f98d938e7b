/* A stand-in for CPython's Include/Python.h: just enough API for the test. */
#include "pyconfig.h" /* must come from the host Python: the tree is unconfigured */
#ifndef SIZEOF_LONG
#error "pyconfig.h did not come from a real Python"
#endif
#define FAKE_CPYTHON_TREE 1
#include <stddef.h>
typedef struct _object { long ob_refcnt; struct _object *ob_type; } PyObject;
PyObject *PyLong_FromLong(long);
PyObject *PyNumber_Add(PyObject *, PyObject *);
void Py_DECREF(PyObject *);
