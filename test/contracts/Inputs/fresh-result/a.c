#include <Python.h>

PyObject *collect(long n);
PyObject *collect_or_none(long n);
PyObject *text_of(PyObject *o);
PyObject *recycle(void);

/* Clean: collect() never returns None, so the defensive None test cannot
 * be true and nothing leaks there. */
static PyObject *wrap(PyObject *self, PyObject *arg) {
    PyObject *r = collect(3);
    if (r == NULL)
        return NULL;
    PyObject *t = PyTuple_Pack(1, r);
    if (r != Py_None)
        Py_DECREF(r);
    return t;
}

/* Buggy twin: collect_or_none() does return None, with a reference the
 * caller owns; skipping the release then leaks it. */
static PyObject *wrap_or_none(PyObject *self, PyObject *arg) {
    PyObject *r = collect_or_none(3);
    if (r == NULL)
        return NULL;
    PyObject *t = PyTuple_Pack(1, r);
    if (r != Py_None)
        Py_DECREF(r);
    return t;
}

/* text_of() may hand back its argument (with a new reference): the branch
 * where it did is real, and the reference is leaked there. */
static PyObject *text_leaky(PyObject *self, PyObject *o) {
    PyObject *s = text_of(o);
    if (s == NULL)
        return NULL;
    if (s == o) {
        Py_INCREF(o);
        return o;
    }
    return s;
}

/* Fixed twin. */
static PyObject *text(PyObject *self, PyObject *o) {
    PyObject *s = text_of(o);
    if (s == NULL)
        return NULL;
    if (s == o)
        return s;
    return s;
}

/* Clean: recycle() makes its object fresh, so it is never the caller's
 * argument, and `d != arg` holds (call.c's `kwdict != keywords`). */
static PyObject *scratch(PyObject *self, PyObject *arg) {
    PyObject *d = recycle();
    if (d == NULL)
        return NULL;
    if (d != arg)
        Py_DECREF(d);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"scratch", scratch, METH_O, NULL},
    {"text_leaky", text_leaky, METH_O, NULL},
    {"text", text, METH_O, NULL},
    {"wrap", wrap, METH_O, NULL},
    {"wrap_or_none", wrap_or_none, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef mod = {PyModuleDef_HEAD_INIT, "a", NULL, -1, methods};

PyMODINIT_FUNC PyInit_a(void) { return PyModule_Create(&mod); }
