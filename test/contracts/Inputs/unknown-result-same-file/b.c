#include <Python.h>

/* Its paths disagree on what they return: the metatype it is given, or
   the type of a tuple item (both borrowed), or NULL. */
PyTypeObject *
calc_meta(PyTypeObject *metatype, PyObject *bases)
{
    PyTypeObject *winner = metatype;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); i++) {
        PyTypeObject *t = Py_TYPE(PyTuple_GET_ITEM(bases, i));
        if (PyType_IsSubtype(winner, t))
            continue;
        if (PyType_IsSubtype(t, winner)) {
            winner = t;
            continue;
        }
        PyErr_SetString(PyExc_TypeError, "metaclass conflict");
        return NULL;
    }
    return winner;
}

/* Clean: the winner is borrowed; nothing to release. */
int
pick_meta(PyTypeObject *meta, PyObject *bases, PyTypeObject **out)
{
    PyTypeObject *w = calc_meta(meta, bases);
    if (w == NULL)
        return -1;
    if (w != meta) {
        *out = w;
        return 1;
    }
    return 0;
}

/* Buggy twin: the call's result is not judged, but the tuple made before
   it still leaks when the call fails. */
int
pick_meta_leaky(PyTypeObject *meta, PyObject *bases, PyObject **out)
{
    PyObject *pair = PyTuple_New(2);
    if (pair == NULL)
        return -1;
    PyTypeObject *w = calc_meta(meta, bases);
    if (w == NULL)
        return -1;
    *out = pair;
    return 0;
}
