#include <Python.h>

int lib_error_for_exc(void);

/* Clean: a C library's callback. The result of the call is NULL exactly
   when an exception is set, which lib_error_for_exc reports, so the
   result is released on the one path that has it. */
int backend_exists(PyObject *callable, PyObject *args, int *exists) {
    int err;
    PyObject *result = PyObject_CallObject(callable, args);
    if ((err = lib_error_for_exc()) != 0)
        return err;
    *exists = PyObject_IsTrue(result);
    Py_DECREF(result);
    return 0;
}

/* Buggy twin: the error branch jumps to a Py_DECREF of the NULL result. */
int backend_lookup(PyObject *callable, PyObject *args, int *found) {
    int err;
    PyObject *result = PyObject_CallObject(callable, args);
    if ((err = lib_error_for_exc()) != 0)
        goto out;
    *found = PyObject_IsTrue(result);
out:
    Py_DECREF(result);
    return err;
}
