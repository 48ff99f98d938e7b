#include <Python.h>

static int pending;

int lib_error_pending(void) { return pending; }

PyObject *raise_lib_error(void) {
    pending = 0;
    PyErr_SetString(PyExc_RuntimeError, "the library failed");
    return NULL;
}

/* Takes the caller's reference: hands it back, or releases it and fails. */
PyObject *check(PyObject *res) {
    if (lib_error_pending()) {
        Py_XDECREF(res);
        return raise_lib_error();
    }
    return res;
}
