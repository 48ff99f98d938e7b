#include <Python.h>
#ifndef FROM_DATABASE
#error "flags must come from compile_commands.json"
#endif

static PyObject *
ext_leak(PyObject *self, PyObject *args)
{
    PyObject *d = PyDict_New();
    Py_RETURN_NONE;
}
