// Inline suppressions: a comment starting with `refcheck: ignore[CHECK]` on
// the finding's line or on the line before it; one starting with
// `refcheck: ignore-function[CHECK]` in the function or in the comment right
// above it. Only the named check is silenced; `*` names every check.
//
// RUN: %expect-exit 1 refcheck %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: %expect-exit 1 refcheck --report-unused-suppressions %s 2>&1 | FileCheck %s --check-prefixes=CHECK,UNUSED --implicit-check-not=warning:
#include <Python.h>

static PyObject *
same_line(PyObject *self, PyObject *stream)
{
    PyObject_CallMethod(stream, "flush", NULL);
    Py_RETURN_NONE; // refcheck: ignore[ref-leak]
}

static PyObject *
line_before(PyObject *self, PyObject *stream)
{
    PyObject_CallMethod(stream, "flush", NULL);
    // refcheck: ignore[over-release, ref-leak]
    Py_RETURN_NONE;
}

// A suppression for another check does not hide this leak.
static PyObject *
wrong_check(PyObject *self, PyObject *stream)
{
    PyObject_CallMethod(stream, "flush", NULL);
    Py_RETURN_NONE; // refcheck: ignore[over-release]
    // CHECK: suppressions.c:[[@LINE-1]]:5: warning: New reference from 'PyObject_CallMethod' is leaked [refcheck.ref-leak]
    // UNUSED: suppressions.c:[[@LINE-2]]:24: warning: Suppression 'refcheck: ignore[over-release]' suppresses nothing [refcheck.unused-suppression]
}

/* Calls a method and drops the result on purpose.
 * refcheck: ignore-function[ref-leak] */
static PyObject *
whole_function(PyObject *self, PyObject *stream)
{
    PyObject_CallMethod(stream, "flush", NULL);
    PyObject_CallMethod(stream, "close", NULL);
    Py_RETURN_NONE;
}

static PyObject *
inside_function(PyObject *self, PyObject *stream)
{
    // refcheck: ignore-function[*]
    PyObject_CallMethod(stream, "flush", NULL);
    Py_RETURN_NONE;
}

// Two lines above is too far.
static PyObject *
too_far(PyObject *self, PyObject *stream)
{
    // refcheck: ignore[ref-leak]
    // UNUSED: suppressions.c:[[@LINE-1]]:8: warning: Suppression 'refcheck: ignore[ref-leak]' suppresses nothing [refcheck.unused-suppression]
    PyObject_CallMethod(stream, "flush", NULL);
    Py_RETURN_NONE;
    // CHECK: suppressions.c:[[@LINE-1]]:5: warning: New reference from 'PyObject_CallMethod' is leaked [refcheck.ref-leak]
}

// An ignore-function above one function does not reach the next one.
// refcheck: ignore-function[ref-leak]
static int unrelated(void) { return 0; }
// UNUSED: suppressions.c:[[@LINE-2]]:4: warning: Suppression 'refcheck: ignore-function[ref-leak]' suppresses nothing [refcheck.unused-suppression]

static PyObject *
next_function(PyObject *self, PyObject *stream)
{
    PyObject_CallMethod(stream, "flush", NULL);
    Py_RETURN_NONE;
    // CHECK: suppressions.c:[[@LINE-1]]:5: warning: New reference from 'PyObject_CallMethod' is leaked [refcheck.ref-leak]
}

// Without a check name, a suppression silences nothing.
static PyObject *
no_check_named(PyObject *self, PyObject *stream)
{
    PyObject_CallMethod(stream, "flush", NULL);
    Py_RETURN_NONE; // refcheck: ignore
    // CHECK: suppressions.c:[[@LINE-1]]:5: warning: New reference from 'PyObject_CallMethod' is leaked [refcheck.ref-leak]
    // UNUSED: suppressions.c:[[@LINE-2]]:24: warning: Suppression 'refcheck: ignore' names no check (write ignore[CHECK]) [refcheck.unused-suppression]
}

// In a string, it is not a suppression.
static PyObject *
in_string(PyObject *self, PyObject *stream)
{
    PyObject_CallMethod(stream, "refcheck: ignore[ref-leak]", NULL);
    Py_RETURN_NONE;
    // CHECK: suppressions.c:[[@LINE-1]]:5: warning: New reference from 'PyObject_CallMethod' is leaked [refcheck.ref-leak]
}
