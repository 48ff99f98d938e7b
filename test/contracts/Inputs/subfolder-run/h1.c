#include <Python.h>

/* A helper of its own file: with six files, contracts are inferred by
   several threads at once. */
PyObject *helper1(PyObject *o) { Py_INCREF(o); return o; }
