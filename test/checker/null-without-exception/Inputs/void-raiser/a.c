#include <Python.h>

void raise_code(PyObject *where, int code);
void log_code(PyObject *where, int code);

/* Clean: raise_code set the exception. */
static PyObject *io_raise(PyObject *self, PyObject *arg) {
    int rc = PyObject_IsTrue(arg);
    if (rc < 0)
        return NULL;
    if (rc != 0) {
        raise_code(arg, rc);
        return NULL;
    }
    Py_RETURN_NONE;
}

/* Buggy twin: log_code sets nothing. */
static PyObject *io_log(PyObject *self, PyObject *arg) {
    int rc = PyObject_IsTrue(arg);
    if (rc < 0)
        return NULL;
    if (rc != 0) {
        log_code(arg, rc);
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"io_raise", io_raise, METH_O, NULL},
    {"io_log", io_log, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
