#include <Python.h>

PyObject *walk_a(PyObject *obj, int depth);

/* With walk_a (a.c): hands back the object it is given. */
PyObject *walk_b(PyObject *obj, int depth) {
    if (depth <= 0)
        return obj;
    return walk_a(obj, depth - 1);
}
