#include <Python.h>

/* Never NULL: it reads args before handing it back. */
PyObject *
first_or_all(PyObject *args)
{
    if (PyTuple_GET_SIZE(args) == 1) {
        PyObject *item = PyTuple_GET_ITEM(args, 0);
        Py_INCREF(item);
        return item;
    }
    Py_INCREF(args);
    return args;
}

/* Buggy twin's helper: nothing reads args, and Py_XINCREF accepts NULL,
   so a NULL args comes back as NULL. */
PyObject *
all_or_null(PyObject *args)
{
    Py_XINCREF(args);
    return args;
}
