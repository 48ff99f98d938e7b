// cpychecker's exception attributes work unchanged, as refcheck's own
// REFCHECK_SETS_EXCEPTION and REFCHECK_NEGATIVE_SETS_EXCEPTION do:
// `sets_exception` says every call sets an exception (psycopg2's
// psyco_set_error, marked RAISES), `negative_result_sets_exception` that a
// negative result comes with one (psycopg2's RAISES_NEG functions). Without
// them refcheck knows nothing of these functions' exceptions: a result
// returned after one goes unreported, and a leak on their error branch is
// taken for an every-call leak.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

#if defined(WITH_CPYCHECKER_SETS_EXCEPTION_ATTRIBUTE)
#define RAISES __attribute__((cpychecker_sets_exception))
#else
#define RAISES
#endif
#if defined(WITH_CPYCHECKER_RETURNS_BORROWED_REF_ATTRIBUTE)
#define BORROWED __attribute__((cpychecker_returns_borrowed_ref))
#else
#define BORROWED
#endif
#if defined(WITH_CPYCHECKER_NEGATIVE_RESULT_SETS_EXCEPTION_ATTRIBUTE)
#define RAISES_NEG __attribute__((cpychecker_negative_result_sets_exception))
#else
#define RAISES_NEG
#endif

RAISES BORROWED extern PyObject *set_error(const char *msg);
RAISES_NEG extern int setup(PyObject *m);

/* Raises, then goes on as if nothing happened. */
static PyObject *
warn_only(PyObject *self, PyObject *arg)
{
    if (arg == Py_None)
        set_error("none given");
    Py_RETURN_NONE; // expected-warning {{Returning a result while an exception is set: clear it (PyErr_Clear) or return NULL}}
}

/* Ignores setup's failure. */
static PyObject *
init(PyObject *self, PyObject *m)
{
    if (setup(m) < 0)
        Py_RETURN_NONE; // expected-warning {{Returning a result while an exception is set: clear it (PyErr_Clear) or return NULL}}
    Py_RETURN_NONE;
}

/* The leak happens only on the branch that raises. */
static PyObject *
start(PyObject *self, PyObject *args)
{
    PyObject *cmd = PyObject_Str(args);
    if (cmd == NULL)
        return NULL;
    if (PyTuple_GET_SIZE(args) > 2) {
        set_error("too many arguments"); // expected-warning {{New reference from 'PyObject_Str' (held in 'cmd') is leaked [refcheck.ref-leak] [error-path: on the error branch that calls 'set_error']}}
        return NULL;
    }
    return cmd;
}

static PyMethodDef methods[] = {
    {"warn_only", warn_only, METH_O, NULL},
    {"init", init, METH_O, NULL},
    {"start", start, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
