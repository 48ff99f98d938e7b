#include <proj.h>

PyObject *
b_new(void)
{
    return PyList_New(0);
}
