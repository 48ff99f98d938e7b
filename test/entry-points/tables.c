// Python entry points: each finding lists the Python names that reach its
// function, through method tables, getters, type slots (static types and
// PyType_Spec), module init, and callers within the file.
//
// RUN: %expect-exit 1 refcheck --format=json %s > %t.json
// RUN: %python %S/../Inputs/entry-points.py %t.json > %t.txt
// RUN: FileCheck %s < %t.txt
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

/* A static helper called by two module functions maps to both. */
static PyObject *helper(void) {
    PyObject *l = PyList_New(0);
    return PyLong_FromLong(1); /* leaks l */
}
// CHECK: helper: shapes.area, shapes.perimeter
static PyObject *area(PyObject *m, PyObject *a) { return helper(); }
static PyObject *perimeter(PyObject *m, PyObject *a) {
    PyObject *r = helper();
    return r;
}

/* Two steps up: deep -> middle -> Counter.bump (a method). */
static void deep(void) { PyList_New(0); /* leaked */ }
// CHECK: deep: shapes.Counter.bump
static void middle(void) { deep(); }
static PyObject *Counter_bump(PyObject *self, PyObject *a) {
    middle();
    Py_RETURN_NONE;
}

/* A getter of a static type. */
static PyObject *Counter_get_value(PyObject *self, void *c) {
    PyObject *t = PyTuple_New(0);
    return PyLong_FromLong(0); /* leaks t */
}
// CHECK: Counter_get_value: shapes.Counter.value

/* Slots of a static type: tp_new and tp_repr. */
static PyObject *Counter_new(PyTypeObject *t, PyObject *a, PyObject *k) {
    PyObject *d = PyDict_New();
    return t->tp_alloc(t, 0); /* leaks d */
}
// CHECK: Counter_new: shapes.Counter.__new__
static PyObject *Counter_repr(PyObject *self) {
    PyObject *x = PyUnicode_FromString("a");
    return PyUnicode_FromString("Counter()"); /* leaks x */
}
// CHECK: Counter_repr: shapes.Counter.__repr__

typedef struct { PyObject_HEAD long n; } CounterObject;
static PyMethodDef Counter_methods[] = {
    {"bump", Counter_bump, METH_NOARGS, NULL},
    {NULL},
};
static PyGetSetDef Counter_getset[] = {
    {"value", Counter_get_value, NULL, NULL, NULL},
    {NULL},
};
static PyMemberDef Counter_members[] = {
    {"n", T_LONG, offsetof(CounterObject, n), 0, NULL},
    {NULL},
};
static PyTypeObject CounterType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "shapes.Counter",
    .tp_basicsize = sizeof(CounterObject),
    .tp_repr = Counter_repr,
    .tp_methods = Counter_methods,
    .tp_getset = Counter_getset,
    .tp_members = Counter_members,
    .tp_new = Counter_new,
};

/* A heap type from a PyType_Spec: the slot names come from the macros. */
static PyObject *Box_call(PyObject *self, PyObject *a, PyObject *k) {
    PyObject *l = PyList_New(0);
    Py_RETURN_NONE; /* leaks l */
}
// CHECK: Box_call: shapes.Box.__call__
static PyObject *Box_open(PyObject *self, PyObject *a) {
    PyObject *l = PyList_New(0);
    Py_RETURN_NONE; /* leaks l */
}
// CHECK: Box_open: shapes.Box.open
static PyMethodDef Box_methods[] = {
    {"open", Box_open, METH_NOARGS, NULL},
    {NULL},
};
static PyType_Slot Box_slots[] = {
    {Py_tp_call, Box_call},
    {Py_tp_methods, Box_methods},
    {0, NULL},
};
static PyType_Spec Box_spec = {"shapes.Box", sizeof(PyObject), 0,
                               Py_TPFLAGS_DEFAULT, Box_slots};

/* Module exec slot: reached by `import shapes`. */
static int shapes_exec(PyObject *m) {
    PyObject *t = PyType_FromSpec(&Box_spec);
    return 0; /* leaks t */
}
// CHECK: shapes_exec: shapes

/* Not reachable from Python at all. */
static PyObject *orphan(void) {
    PyObject *l = PyList_New(0);
    return PyLong_FromLong(0);
}
// CHECK: orphan: (none)

static PyMethodDef shapes_methods[] = {
    {"area", area, METH_O, NULL},
    {"perimeter", perimeter, METH_O, NULL},
    {NULL},
};
static PyModuleDef_Slot shapes_slots[] = {
    {Py_mod_exec, shapes_exec},
    {0, NULL},
};
static struct PyModuleDef shapes_module = {
    PyModuleDef_HEAD_INIT, .m_name = "shapes", .m_methods = shapes_methods,
    .m_slots = shapes_slots,
};
PyMODINIT_FUNC PyInit_shapes(void) { return PyModuleDef_Init(&shapes_module); }
