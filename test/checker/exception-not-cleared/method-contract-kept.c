// A function of the file with a C-API contract (here a METH_FASTCALL
// method) returns NULL with an exception set, or a result with none. When
// another function calls it, that holds after the call even where the
// engine followed its body to a path that calls what refcheck cannot see
// (the exception state is unknown there): so after a result,
// PyErr_ExceptionMatches() is zero, and the branch that swaps the
// exception is not taken (CPython's async_gen_athrow_throw calling
// gen_throw, genobject.c). A plain helper has no such contract: after it,
// the branch may be taken and the exception it sets returned with the
// result.
//
// The same holds where the engine does not follow the method's body at all
// (ipa=none: no function is inlined).
//
// RUN: refcheck %s --verify-notes -- -Xclang -verify
// RUN: refcheck %s --analyzer-config ipa=none --verify-notes -- -Xclang -verify=expected,noipa
#include <Python.h>

PyObject *resume_frame(PyObject *gen, PyObject *const *args, Py_ssize_t n);

static PyObject *
gen_throw(PyObject *gen, PyObject *const *args, Py_ssize_t nargs)
{
    return resume_frame(gen, args, nargs);
}

static PyObject *
athrow_throw(PyObject *gen, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *retval = gen_throw(gen, args, nargs);
    if (retval && PyTuple_CheckExact(retval)) {
        Py_DECREF(retval);
        PyErr_SetString(PyExc_RuntimeError, "ignored exit");
        return NULL;
    }
    if (PyErr_ExceptionMatches(PyExc_StopAsyncIteration)) {
        PyErr_Clear();
        PyErr_SetNone(PyExc_StopIteration);
    }
    return retval;
}

/* No contract: a helper only ever called directly. */
static PyObject *
resume_helper(PyObject *gen, PyObject *const *args, Py_ssize_t nargs)
{
    return resume_frame(gen, args, nargs);
}

static PyObject *
athrow_throw_helper(PyObject *gen, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *retval = resume_helper(gen, args, nargs);
    if (retval && PyTuple_CheckExact(retval)) { // expected-note {{Assuming 'retval' is non-null}} noipa-note {{Assuming the condition is false}}
        Py_DECREF(retval);
        PyErr_SetString(PyExc_RuntimeError, "ignored exit");
        return NULL;
    }
    if (PyErr_ExceptionMatches(PyExc_StopAsyncIteration)) { // expected-note {{Assuming an exception is set}}
        PyErr_Clear(); // expected-note {{'PyErr_Clear' leaves no exception set}}
        PyErr_SetNone(PyExc_StopIteration); // expected-note {{'PyErr_SetNone' sets an exception}}
    }
    return retval; // expected-warning {{Returning a result while an exception is set}}
}

static PyMethodDef methods[] = {
    {"throw", (PyCFunction)(void (*)(void))gen_throw, METH_FASTCALL, NULL},
    {"athrow", (PyCFunction)(void (*)(void))athrow_throw, METH_FASTCALL, NULL},
    {"athrow_helper", (PyCFunction)(void (*)(void))athrow_throw_helper,
     METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL},
};
