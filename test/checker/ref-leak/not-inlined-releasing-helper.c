// A function of this file that the analyzer does not inline (here it is
// variadic; in _collectionsmodule.c the call is too deep in a recursion)
// and that releases its argument, through another function of the file,
// takes the caller's reference: the caller's object is no longer judged
// there, so nothing leaks. The same must hold with a CPython tree's
// Doc/data/refcounts.dat loaded, whose Py_DECREF row names no steal: a
// refcount operation is never a borrowing use.
//
// The variadic helper's contract, inferred from its body in the same parse,
// says it takes its argument over, and the helper is judged by it: the
// release in the function it calls is not an over-release. Without
// contracts (--no-contracts), the helper releases a parameter that, by the
// C-API convention, it only borrows: that is reported there, once.
// Annotating it as stealing its argument (REFCHECK_STEALS_ARG, see
// api-model.md) says so too.
//
// RUN: refcheck %s -- -Xclang -verify
// RUN: refcheck %s --api-db=%S/Inputs/refcounts-refops.dat -- -Xclang -verify
// RUN: not refcheck --no-contracts %s | FileCheck %s --check-prefix=CONVENTION
// CONVENTION: not-inlined-releasing-helper.c:28:5: warning: Borrowed reference (a parameter) is released; the code does not own it
// CONVENTION: 1 finding.
// expected-no-diagnostics
#include <Python.h>

static PyObject *
finalize(PyObject *it)
{
    Py_DECREF(it);
    Py_RETURN_NONE;
}

static PyObject *
consume(PyObject *it, ...)
{
    return finalize(it);
}

PyObject *
extend(PyObject *self, PyObject *iterable)
{
    PyObject *it = PyObject_GetIter(iterable);
    if (it == NULL)
        return NULL;
    return consume(it);
}
