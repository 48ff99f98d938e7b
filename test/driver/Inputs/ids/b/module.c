#include <Python.h>

/* Leaks the same way as a/module.c, in a function of the same name. */
static int setup_module(PyObject *m) {
  PyObject *v = PyLong_FromLong(1);
  if (v == NULL)
    return -1;
  return 0;
}
