// A memset (or memcpy) within one field of a new object leaves its other
// fields as they were: the objects stored there before (mrab-regex's
// pattern_new_match, `memset(match->fuzzy_counts, 0, ...)` between
// `match->string = state->string` and `Py_INCREF(match->string)`) are still
// the ones the Py_INCREF after it takes a reference for, and the object's
// release on an error path gives them back. Forgetting to release the new
// object on that path is still reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
#include <string.h>

typedef struct {
    PyObject_HEAD
    PyObject *string;
    PyObject *pattern;
    void *groups;
    size_t counts[4];
} MatchObject;

static PyTypeObject Match_Type;

typedef struct {
    PyObject *string;
    void *groups;
    size_t counts[4];
} State;

static void *
copy_groups(void *groups, Py_ssize_t n)
{
    if (!groups)
        return NULL;
    void *copy = PyMem_Malloc(n);
    if (!copy) {
        PyErr_NoMemory();
        return NULL;
    }
    memcpy(copy, groups, n);
    return copy;
}

static PyObject *
new_match(PyObject *pattern, State *state, Py_ssize_t n)
{
    MatchObject *match = PyObject_New(MatchObject, &Match_Type);
    if (!match)
        return NULL;
    match->string = state->string;
    match->pattern = pattern;
    memset(match->counts, 0, sizeof(match->counts));
    Py_INCREF(match->string);
    Py_INCREF(match->pattern);
    match->groups = copy_groups(state->groups, n);
    if (!match->groups) {
        Py_DECREF(match);
        return NULL;
    }
    return (PyObject *)match;
}

static PyObject *
copy_match(PyObject *pattern, State *state, Py_ssize_t n)
{
    MatchObject *match = PyObject_New(MatchObject, &Match_Type);
    if (!match)
        return NULL;
    match->string = state->string;
    match->pattern = pattern;
    memcpy(match->counts, state->counts, sizeof(match->counts));
    Py_INCREF(match->string);
    Py_INCREF(match->pattern);
    match->groups = copy_groups(state->groups, n);
    if (!match->groups)
        return NULL; // expected-warning {{New reference from '_PyObject_New' (held in 'match') is leaked [refcheck.ref-leak]}}
    return (PyObject *)match;
}
