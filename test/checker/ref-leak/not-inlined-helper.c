// A function of the same file that the analyzer does not inline (here: it is
// variadic; elsewhere its inlining budget ran out) may keep the objects it is
// given. refcheck checks that function on its own and does not guess at the
// call site, so storing through it is not a leak. An API function that only
// borrows its arguments still leaves the caller owning them.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *registry[16];
static int nregistered;

static int
register_all(int n, ...)
{
    va_list va;
    va_start(va, n);
    for (int i = 0; i < n && nregistered < 16; i++)
        registry[nregistered++] = va_arg(va, PyObject *);   /* keeps them */
    va_end(va);
    return 0;
}

static PyObject *
keep(PyObject *self, PyObject *args)
{
    PyObject *v = PyLong_FromLong(1);
    if (v == NULL)
        return NULL;
    register_all(1, v);
    Py_RETURN_NONE;
}

static PyObject *
borrow_only(PyObject *self, PyObject *args)
{
    PyObject *v = PyLong_FromLong(1);
    if (v == NULL)
        return NULL;
    PyObject_Print(v, stdout, 0);
    Py_RETURN_NONE; // expected-warning {{New reference from 'PyLong_FromLong' (held in 'v') is leaked}}
}

/* Once handed to such a function, a parameter's reference count is not
 * judged either: releasing the reference taken before is fine. */
static PyObject *
take_and_register(PyObject *self, PyObject *arg)
{
    Py_INCREF(arg);
    register_all(1, arg);
    Py_DECREF(arg);
    Py_RETURN_NONE;
}
