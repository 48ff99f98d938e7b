#include <Python.h>

/* A compiler warning, which the scan sees too. */
#warning "deprecated module"

PyObject *make_item(long v);

PyObject *
first_item(PyObject *self, PyObject *args)
{
    return make_item(1);
}
