/* The project's own header: every file starts with it. */
#ifndef PROJ_H
#define PROJ_H

#include <Python.h>

/* How the files release what they own (shared-headers.test edits it). */
#define RELEASE(o) Py_DECREF(o)

/* b.c: a new reference, or NULL with an exception. */
PyObject *make_pair(PyObject *a);

#endif
