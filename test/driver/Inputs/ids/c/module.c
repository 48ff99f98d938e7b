#include <Python.h>

/* Two helpers take a reference on the caller's object; each path leaks the
   one its helper took. Both origins are "the first Py_INCREF" of their
   helper: the helper's name tells them apart. */
static int keep_first(PyObject *v) {
    Py_INCREF(v);
    return 0;
}

static int keep_second(PyObject *v) {
    Py_INCREF(v);
    return 1;
}

static PyObject *pick(PyObject *self, PyObject *args) {
    PyObject *v;
    int which;
    if (!PyArg_ParseTuple(args, "iO", &which, &v))
        return NULL;
    if (which) {
        keep_first(v);
        Py_RETURN_NONE;
    }
    keep_second(v);
    Py_RETURN_NONE;
}

/* One call hands out three references through its output arguments; all
   three are leaked: the argument's position tells them apart. (With no
   exception set it would hand out none: it is the failure's.) */
static PyObject *drop_error(PyObject *self, PyObject *args) {
    PyObject *type, *value, *tb;
    PyObject *r = PyObject_Str(args);
    if (r != NULL)
        return r;
    PyErr_Fetch(&type, &value, &tb);
    Py_RETURN_NONE;
}

/* One object leaked at two places, by two returns, once held in 'r' and
   once in 'kept': the place tells them apart. */
static PyObject *two_exits(PyObject *self, PyObject *arg) {
    PyObject *kept;
    PyObject *r = PyObject_Str(arg);
    if (r == NULL)
        return NULL;
    if (PyObject_IsTrue(arg))
        return PyLong_FromLong(1);
    kept = r;
    r = NULL;
    return PyLong_FromLong(PyObject_Length(kept));
}

static PyMethodDef methods[] = {
    {"pick", pick, METH_VARARGS, NULL},
    {"drop_error", drop_error, METH_VARARGS, NULL},
    {"two_exits", two_exits, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
