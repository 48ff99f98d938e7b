#include "Python.h"
#ifndef Py_BUILD_CORE
#error "files under Objects/ are built with Py_BUILD_CORE"
#endif

PyObject *
fake_add(PyObject *a)
{
    PyObject *one = PyLong_FromLong(1);
    if (one == NULL)
        return NULL;
    return PyNumber_Add(a, one);
}
