// A decrement helper that is handed the deallocator to call (CPython's
// _Py_DECREF_SPECIALIZED(op, (destructor)PyObject_Free)): when the count
// reaches zero, the call through the `destructor` pointer is the release
// itself, not a use of the freed object. A call through any other pointer
// type after the release is still reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static inline void
decref_with(PyObject *op, destructor destruct)
{
    if (--op->ob_refcnt != 0)
        return;
    destruct(op);
}

static PyObject *
release_with_free(PyObject *self, PyObject *arg)
{
    PyObject *r = PyObject_Repr(arg);
    if (r == NULL)
        return NULL;
    decref_with(r, (destructor)PyObject_Free);
    Py_RETURN_NONE;
}

typedef Py_ssize_t (*measure)(PyObject *);

static Py_ssize_t
measure_after_release(PyObject *self, PyObject *arg)
{
    measure m = PyObject_Length;
    PyObject *r = PyObject_Repr(arg);
    if (r == NULL)
        return -1;
    Py_DECREF(r);
    return m(r); // expected-warning {{Object passed to 'PyObject_Size' after its reference was released}}
}
