#include <Python.h>

extern PyTypeObject Box_Type;

/* Makes an object from raw memory, as CPython's own allocators do: the
   caller gets its one reference. */
PyObject *
box_make(void)
{
    PyObject *op = (PyObject *)PyObject_Malloc(sizeof(PyObject));
    if (op == NULL)
        return PyErr_NoMemory();
    _Py_NewReference(op);
    Py_SET_TYPE(op, &Box_Type);
    return op;
}
