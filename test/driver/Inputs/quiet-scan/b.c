#include <Python.h>

PyObject *
make_item(long v)
{
    return PyLong_FromLong(v);
}
