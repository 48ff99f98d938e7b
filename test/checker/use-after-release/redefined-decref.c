// Some files redefine Py_DECREF for speed, as CPython's own Python/ceval.c
// does: a decrement, then a call through the type's tp_dealloc when the
// count reaches zero. Reading Py_TYPE(op)->tp_dealloc there and calling it
// is the release itself; real uses after the release are still reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

#undef Py_DECREF
#define Py_DECREF(arg)                                     \
    do {                                                   \
        PyObject *op = _PyObject_CAST(arg);                \
        if (--op->ob_refcnt == 0) {                        \
            destructor dealloc = Py_TYPE(op)->tp_dealloc;  \
            (*dealloc)(op);                                \
        }                                                  \
    } while (0)

static PyObject *
release_once(PyObject *self, PyObject *arg)
{
    PyObject *r = PyObject_Repr(arg);
    if (r == NULL)
        return NULL;
    Py_DECREF(r);
    Py_RETURN_NONE;
}

static PyObject *
release_twice(PyObject *self, PyObject *arg)
{
    PyObject *r = PyObject_Repr(arg);
    if (r == NULL)
        return NULL;
    Py_DECREF(r);
    Py_DECREF(r); // expected-warning {{Reference released twice: the object may already be freed}}
    Py_RETURN_NONE;
}

static Py_ssize_t
length_after_release(PyObject *self, PyObject *arg)
{
    PyObject *r = PyObject_Repr(arg);
    if (r == NULL)
        return -1;
    Py_DECREF(r);
    return PyUnicode_GetLength(r); // expected-warning {{Object passed to 'PyUnicode_GetLength' after its reference was released}}
}
