#include <Python.h>

/* A library's free function for Python data: it takes the reference the
   library was given. Another file hands it to the library. */
void release_data(PyObject *data) {
    PyGILState_STATE gil = PyGILState_Ensure();
    Py_CLEAR(data);
    PyGILState_Release(gil);
}

/* Buggy twin: nothing hands this one anywhere, so its parameter is
   borrowed by the C-API convention, and releasing it is a bug. */
void drop_data(PyObject *data) {
    Py_XDECREF(data);
}
