#include <Python.h>
#include <stdio.h>

/* An error reporter: it raises on every path (pycurl's
   create_and_set_error_object). */
void raise_code(PyObject *where, int code) {
    PyObject *v = Py_BuildValue("(iO)", code, where);
    if (v == NULL)
        return; /* Py_BuildValue set MemoryError */
    PyErr_SetObject(PyExc_OSError, v);
    Py_DECREF(v);
}

/* Looks like one, but only prints. */
void log_code(PyObject *where, int code) {
    fprintf(stderr, "error %d in %p\n", code, (void *)where);
}
