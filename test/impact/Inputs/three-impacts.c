/* One finding of each impact class. */
#include <Python.h>

/* every-call: the format wants a long, the code passes an int. */
static PyObject *
f(PyObject *self, PyObject *args)
{
    int n;
    if (!PyArg_ParseTuple(args, "l", &n))
        return NULL;
    return PyLong_FromLong(n);
}

/* error-path: the exception of a failed PyObject_SetAttrString stays set. */
static PyObject *
tag(PyObject *self, PyObject *obj)
{
    if (PyObject_SetAttrString(obj, "tagged", Py_True) < 0) {
    }
    Py_RETURN_NONE;
}

/* allocation-failure: NULL from PyLong_FromLong reaches PyList_Append. */
static int
append_number(PyObject *list, long i)
{
    PyObject *item = PyLong_FromLong(i);
    int rc = PyList_Append(list, item);
    Py_XDECREF(item);
    return rc;
}

static PyMethodDef methods[] = {
    {"f", f, METH_VARARGS, NULL},
    {"tag", tag, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
