#include <Python.h>

/* Leaks the same way as b/module.c, in a function of the same name. */
static int setup_module(PyObject *m) {
  PyObject *v = PyLong_FromLong(1);
  if (v == NULL)
    return -1;
  return 0;
}

/* Two leaks of two calls of one callee. */
static int fill(PyObject *d) {
  PyObject *first = PyList_New(0);
  PyObject *second = PyList_New(0);
  if (first == NULL || second == NULL)
    return -1;
  return 0;
}

/* Three codes of one format that do not match their arguments. */
static PyObject *parse(PyObject *self, PyObject *args) {
  int a;
  long b;
  float c;
  if (!PyArg_ParseTuple(args, "lid", &a, &b, &c))
    return NULL;
  (void)self;
  Py_RETURN_NONE;
}
