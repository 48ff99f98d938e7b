/* c.c: a third file, whose parses all come after the first. */
#define PROJ_MODULE
#include "proj.h"

static PyObject *
pair_len(PyObject *self, PyObject *arg)
{
    PyObject *p = make_pair(arg);
    if (p == NULL)
        return NULL;
    return PyLong_FromSsize_t(PyTuple_GET_SIZE(p));
}

static PyMethodDef c_methods[] = {
    {"pair_len", pair_len, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
