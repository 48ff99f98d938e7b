#include "Python.h"
#include "pycore_fake.h"

PyObject *
fake_twice(PyObject *a)
{
    PyObject *two = PyLong_FromLong(2);
    if (two == NULL)
        return NULL;
    return PyNumber_Add(a, two);
}
