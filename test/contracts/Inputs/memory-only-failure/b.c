#include <Python.h>

/* Fails only when memory runs out: every NULL it returns comes from
   PyLong_FromLong or PyTuple_New. */
PyObject *make_pair(long a, long b) {
    PyObject *t = PyTuple_New(2);
    if (t == NULL)
        return NULL;
    PyObject *x = PyLong_FromLong(a);
    if (x == NULL) {
        Py_DECREF(t);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, x);
    PyObject *y = PyLong_FromLong(b);
    if (y == NULL) {
        Py_DECREF(t);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 1, y);
    return t;
}

/* Also fails when the attribute is missing: not only a memory error. */
PyObject *make_named(PyObject *obj) {
    PyObject *name = PyObject_GetAttrString(obj, "name");
    if (name == NULL)
        return NULL;
    PyObject *t = PyTuple_Pack(1, name);
    Py_DECREF(name);
    return t;
}
