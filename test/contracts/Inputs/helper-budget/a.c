#include <Python.h>

/* A static helper the analysis does not follow (it has a loop): the
   inference explores it first, on its own. */
static PyObject *
first_items(PyObject *seq, Py_ssize_t n)
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *x = PySequence_GetItem(seq, i);
        if (x == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        if (PyList_Append(list, x) < 0) {
            Py_DECREF(x);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(x);
    }
    return list;
}

/* Another file may call this one: the file's contracts are inferred. */
PyObject *
head_of(PyObject *seq)
{
    return first_items(seq, 3);
}

static PyObject *
head(PyObject *self, PyObject *seq)
{
    return head_of(seq);
}

static PyMethodDef methods[] = {
    {"head", head, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
