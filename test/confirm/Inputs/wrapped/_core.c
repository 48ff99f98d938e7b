/* The C half of the `shapes` package (test/confirm/wrapped.test). Python
 * code never calls it by this name: shapes/__init__.py imports it as
 * `core` and wraps it; the tests use the wrapper only. */
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
checked(PyObject *self, PyObject *arg)
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    if (!PyLong_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "an int is required");
        return NULL;                 /* leaks `list` */
    }
    Py_DECREF(list);
    return Py_NewRef(arg);
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

typedef struct {
    PyObject_HEAD
    long size;
} BoxObject;

static PyObject *
box_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    long size = 0;
    if (!PyArg_ParseTuple(args, "|l", &size))
        return NULL;
    BoxObject *self = (BoxObject *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    self->size = size;
    return (PyObject *)self;
}

/* tp_repr: the size object is never released. */
static PyObject *
box_repr(BoxObject *self)
{
    PyObject *size = PyLong_FromLong(self->size);
    if (size == NULL)
        return NULL;
    return PyUnicode_FromFormat("<box %S>", size);   /* leaks `size` */
}

static PyTypeObject BoxType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "shapes._core.Box",
    .tp_basicsize = sizeof(BoxObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = box_new,
    .tp_repr = (reprfunc)box_repr,
};

static PyMethodDef core_methods[] = {
    {"always_leak", always_leak, METH_NOARGS, NULL},
    {"checked", checked, METH_O, NULL},
    {"clean", clean, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef core_module = {
    PyModuleDef_HEAD_INIT, "shapes._core", NULL, -1, core_methods,
};

PyMODINIT_FUNC
PyInit__core(void)
{
    if (PyType_Ready(&BoxType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&core_module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddObjectRef(m, "Box", (PyObject *)&BoxType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
