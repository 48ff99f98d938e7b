/* The test hooks make the analyzer crash, hang or exhaust its memory on
 * this file; the other files' results must survive. */
#include <Python.h>

static PyObject *
victim_leak(PyObject *self, PyObject *args)
{
    PyObject *l = PyList_New(0);
    if (l == NULL)
        return NULL;
    Py_RETURN_NONE;
}
