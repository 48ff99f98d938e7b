// refcheck's own annotations (refcheck/annotations.h) describe functions the
// API model cannot know: a helper that steals its argument, a getter that
// returns a borrowed reference.
//
// RUN: refcheck %s --extra-arg=-I%srcroot/include -- -Xclang -verify
#include <Python.h>
#include "refcheck/annotations.h"

static PyObject *cache;

PyObject *get_cache(void) REFCHECK_RETURNS_BORROWED;
int stash(PyObject *list, PyObject *item) REFCHECK_STEALS_ARG(2);

static PyObject *
use_cache(PyObject *self, PyObject *args)
{
    PyObject *c = get_cache();        /* borrowed: no release owed */
    if (c == NULL)
        return NULL;
    return PyObject_Repr(c);
}

static PyObject *
store(PyObject *self, PyObject *list)
{
    PyObject *v = PyLong_FromLong(1);
    if (v == NULL)
        return NULL;
    if (stash(list, v) < 0)           /* stolen: no release owed */
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *
release_borrowed(PyObject *self, PyObject *args)
{
    PyObject *c = get_cache();
    if (c == NULL)
        return NULL;
    Py_DECREF(c); // expected-warning {{Borrowed reference from 'get_cache' is released; the code does not own it}}
    Py_RETURN_NONE;
}

/* The annotated function itself: its stolen parameter is not borrowed, so
 * releasing it is fine. */
int
stash(PyObject *list, PyObject *item)
{
    int rc = PyList_Append(list, item);
    Py_DECREF(item);
    return rc;
}
