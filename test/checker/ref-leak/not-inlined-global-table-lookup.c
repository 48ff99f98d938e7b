// A static helper that looks an exception class up in a global table and
// returns it without taking a reference (pyodbc's ExceptionFromSqlState)
// returns a borrowed reference. It has a loop, so the analyzer may not
// follow it at its calls; its contract, from its own body, says borrowed:
// a caller that returns early does not leak the class. The body writes to
// no memory, so nothing it read can have been taken over (compare
// borrowed-return/not-inlined-item-taken-over.c). Releasing the class is
// an over-release.
//
// RUN: refcheck %s -- -Xclang -verify
// RUN: not refcheck --no-contracts %s | FileCheck %s --check-prefix=CONVENTION
#include <Python.h>
#include <string.h>

static PyObject *Error, *DataError, *IntegrityError;

static const struct {
    const char *prefix;
    PyObject **pexc_class;
} mapping[] = {
    {"22", &DataError},
    {"23", &IntegrityError},
};
/* Set when the module starts: a bound the analyzer does not know. */
static size_t mapping_count;

static PyObject *
exception_for_state(const char *state)
{
    if (state && *state)
        for (size_t i = 0; i < mapping_count; i++)
            if (memcmp(state, mapping[i].prefix, 2) == 0)
                return *mapping[i].pexc_class;
    return Error;
}

PyObject *
raise_for_state(const char *state, const char *text)
{
    PyObject *exc_class = exception_for_state(state);
    PyObject *msg = PyUnicode_FromString(text);
    if (!msg)
        return NULL;
    PyErr_SetObject(exc_class, msg);
    Py_DECREF(msg);
    return NULL;
}
// CONVENTION: not-inlined-global-table-lookup.c:43:16: warning: New reference from 'exception_for_state' (held in 'exc_class') is leaked

PyObject *
raise_and_drop(const char *state)
{
    PyObject *exc_class = exception_for_state(state);
    PyErr_SetNone(exc_class);
    Py_DECREF(exc_class); // expected-warning {{Borrowed reference from 'exception_for_state' is released; the code does not own it}}
    return NULL;
}
