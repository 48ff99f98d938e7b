/* A small extension with deliberate reference-count bugs, for the
 * end-to-end test of `refcheck confirm` (test/confirm/end-to-end.test). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Leaks a list on every call. */
static PyObject *
always_leak(PyObject *self, PyObject *unused)
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    Py_RETURN_NONE;                  /* leaks `list` */
}

/* Leaks a list only when the argument is not an int. */
static PyObject *
error_leak(PyObject *self, PyObject *arg)
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    if (!PyLong_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "an int is required");
        return NULL;                 /* leaks `list` */
    }
    Py_DECREF(list);
    Py_RETURN_NONE;
}

/* Correct. */
static PyObject *
clean(PyObject *self, PyObject *unused)
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    Py_DECREF(list);
    Py_RETURN_NONE;
}

/* Segfaults on purpose. */
static PyObject *
crash(PyObject *self, PyObject *unused)
{
    volatile int *volatile p = NULL;
    *p = 1;
    Py_RETURN_NONE;
}

static PyMethodDef leakmod_methods[] = {
    {"always_leak", always_leak, METH_NOARGS, NULL},
    {"error_leak", error_leak, METH_O, NULL},
    {"clean", clean, METH_NOARGS, NULL},
    {"crash", crash, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef leakmod_module = {
    PyModuleDef_HEAD_INIT, "leakmod", NULL, -1, leakmod_methods,
};

PyMODINIT_FUNC
PyInit_leakmod(void)
{
    return PyModule_Create(&leakmod_module);
}
