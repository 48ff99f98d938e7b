// A path the analyzer's range constraints cannot rule out, but arithmetic
// can: `lo * 2` is even, so it never equals 7, and the leaking return below
// is never reached. With Z3 (when the LLVM build has it) refcheck refutes
// such paths: no report. Without it (--z3-crosscheck=false) the leak is
// reported, which is why the check runs by default.
//
// REQUIRES: z3
// RUN: refcheck %s -- -Xclang -verify
// RUN: %expect-exit 1 refcheck %s --no-cache --z3-crosscheck=false | FileCheck %s --check-prefix=NOZ3
// NOZ3: infeasible-by-arithmetic.c:[[@LINE+14]]:{{[0-9]+}}: warning: New reference from 'PyList_New' (held in 'r') is leaked
// expected-no-diagnostics
#include <Python.h>

static PyObject *
halves(PyObject *self, PyObject *args)
{
    int lo;
    if (!PyArg_ParseTuple(args, "i", &lo))
        return NULL;
    PyObject *r = PyList_New(0);
    if (r == NULL)
        return NULL;
    if (lo * 2 == 7)
        return NULL;
    return r;
}

static PyMethodDef methods[] = {
    {"halves", halves, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
