#include "row.h"

struct Row {
    PyObject_HEAD
    PyObject *description;
    Py_ssize_t n;
    PyObject **values;
};

static PyTypeObject RowType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "demo.Row",
    .tp_basicsize = sizeof(struct Row),
};

struct Row *
row_new(PyObject *description, Py_ssize_t n, PyObject **values)
{
    struct Row *row = PyObject_New(struct Row, &RowType);
    if (row == NULL) {
        PyMem_Free(values);
        return NULL;
    }
    Py_INCREF(description);
    row->description = description;
    row->n = n;
    row->values = values;
    return row;
}
