#include <Python.h>

PyObject *lookup_attr(PyObject *dict, PyObject *aliases, PyObject *name);

/* Another file's call to b.c's helper, which returns what a static helper
   of b.c cached: borrowed. */
PyObject *
attr_or_none(PyObject *dict, PyObject *aliases, PyObject *name)
{
    PyObject *x = lookup_attr(dict, aliases, name);
    if (x == NULL)
        return NULL;
    return Py_NewRef(x);
}
