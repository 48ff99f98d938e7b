/* The project's header, which its build includes with -isystem (as a
   CPython tree's Include/ is): its functions are still the project's. */
#ifndef PROJ_H
#define PROJ_H
#include <Python.h>

/* b.c: a new reference, or NULL with an exception set. */
PyObject *b_new(void);
/* a.c */
PyObject *a_pick(PyObject *o);

#endif
