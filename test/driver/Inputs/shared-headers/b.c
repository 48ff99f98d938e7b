/* b.c */
#define PROJ_MODULE
#include "proj.h"

PyObject *
make_pair(PyObject *a)
{
    return PyTuple_Pack(2, a, a);
}
