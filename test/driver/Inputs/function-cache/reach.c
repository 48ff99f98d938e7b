/* register_hook names on_event without calling it; on_event calls
   describe. */
#include <Python.h>

void set_hook(PyObject *(*hook)(long));

static PyObject *describe(long k) {
    return PyLong_FromLong(k);
}

static PyObject *on_event(long k) {
    return describe(k);
}

PyObject *register_hook(PyObject *self, PyObject *args) {
    set_hook(on_event);
    PyObject *l = PyList_New(0);
    if (l == NULL)
        return NULL;
    Py_RETURN_NONE;
}
