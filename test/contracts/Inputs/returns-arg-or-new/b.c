#include <Python.h>

/* Its argument, borrowed, when it is already a list; a new list
   otherwise (cvxopt's create_indexlist). */
PyObject *as_index_list(PyObject *o)
{
    if (PyList_Check(o))
        return o;
    return PySequence_List(o);
}

/* A new list, always. */
PyObject *copy_index_list(PyObject *o)
{
    if (PyList_Check(o))
        return PyList_GetSlice(o, 0, PY_SSIZE_T_MAX);
    return PySequence_List(o);
}
