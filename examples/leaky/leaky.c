/* A small extension with reference-counting bugs, for trying refcheck.
 *
 *   refcheck examples/leaky/leaky.c
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bug: the result of PyObject_CallMethod is a new reference that is
 * never released. */
static PyObject *
flush_stream(PyObject *self, PyObject *stream)
{
    PyObject_CallMethod(stream, "flush", NULL);
    Py_RETURN_NONE;
}

/* Bug: on the error path, `list` is leaked. */
static PyObject *
make_pair(PyObject *self, PyObject *args)
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    PyObject *item = PyLong_FromLong(1000);
    if (item == NULL)
        return NULL;                 /* leaks `list` */
    if (PyList_Append(list, item) < 0) {
        Py_DECREF(item);
        Py_DECREF(list);
        return NULL;
    }
    Py_DECREF(item);
    return list;
}

/* Correct: every reference is released or returned. */
static PyObject *
make_tuple(PyObject *self, PyObject *args)
{
    PyObject *x = PyLong_FromLong(1);
    if (x == NULL)
        return NULL;
    PyObject *t = PyTuple_New(1);
    if (t == NULL) {
        Py_DECREF(x);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, x);       /* steals x */
    return t;
}

static PyMethodDef leaky_methods[] = {
    {"flush_stream", flush_stream, METH_O, NULL},
    {"make_pair", make_pair, METH_NOARGS, NULL},
    {"make_tuple", make_tuple, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef leaky_module = {
    PyModuleDef_HEAD_INIT, "leaky", NULL, -1, leaky_methods,
};

PyMODINIT_FUNC
PyInit_leaky(void)
{
    return PyModule_Create(&leaky_module);
}
