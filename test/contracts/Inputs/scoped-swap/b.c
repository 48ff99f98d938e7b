#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *current;
} Cursor;

/* Makes obj the cursor's current object while it is called, then puts the
 * old one back: the field holds obj only for the call, so with_current()
 * borrows obj (the Py_INCREF is undone by the Py_DECREF). */
PyObject *with_current(PyObject *obj, PyObject *cur) {
    Cursor *c = (Cursor *)cur;
    PyObject *old, *res;
    Py_INCREF(obj);
    old = c->current;
    c->current = obj;
    res = PyObject_CallNoArgs(obj);
    c->current = old;
    Py_DECREF(obj);
    return res;
}
