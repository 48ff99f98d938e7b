// Code annotated for cpychecker works unchanged: refcheck defines the
// WITH_CPYCHECKER_*_ATTRIBUTE guards and maps the attribute names.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

#if defined(WITH_CPYCHECKER_RETURNS_BORROWED_REF_ATTRIBUTE)
#define CPYCHECKER_RETURNS_BORROWED_REF() \
    __attribute__((cpychecker_returns_borrowed_ref))
#else
#define CPYCHECKER_RETURNS_BORROWED_REF()
#endif
#if defined(WITH_CPYCHECKER_STEALS_REFERENCE_TO_ARG_ATTRIBUTE)
#define CPYCHECKER_STEALS_REFERENCE_TO_ARG(n) \
    __attribute__((cpychecker_steals_reference_to_arg(n)))
#else
#define CPYCHECKER_STEALS_REFERENCE_TO_ARG(n)
#endif

extern PyObject *lookup(const char *name) CPYCHECKER_RETURNS_BORROWED_REF();
extern int give(PyObject *obj) CPYCHECKER_STEALS_REFERENCE_TO_ARG(1);

static PyObject *
f(PyObject *self, PyObject *args)
{
    PyObject *v = PyLong_FromLong(1);
    if (v == NULL)
        return NULL;
    give(v);                          /* stolen: no leak */
    PyObject *b = lookup("x");
    Py_XDECREF(b); // expected-warning {{Borrowed reference from 'lookup' is released; the code does not own it}}
    Py_RETURN_NONE;
}
