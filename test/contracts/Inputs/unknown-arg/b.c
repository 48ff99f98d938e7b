#include <Python.h>

/* Takes the reference on one branch only: no contract says which. */
PyObject *maybe_take(PyObject *obj, int flag) {
    if (flag) {
        Py_DECREF(obj);
        return PyLong_FromLong(0);
    }
    return PyLong_FromLong(1);
}
