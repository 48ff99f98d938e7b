/* Appended to examples/leaky/leaky.c by baseline.test: one more leak. */
static PyObject *
make_number(PyObject *self, PyObject *args)
{
    PyObject *n = PyLong_FromLong(7);
    PyObject *s = PyObject_Str(n);
    return s;                        /* leaks `n` */
}
