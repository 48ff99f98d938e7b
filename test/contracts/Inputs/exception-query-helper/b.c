#include <Python.h>

/* Translates the pending Python exception into a library error code, as
   pygit2's git_error_for_exc does: 0 when no exception is set, a negative
   code when one is (and "not found" clears it). */
int lib_error_for_exc(void) {
    PyObject *err = PyErr_Occurred();
    if (err) {
        if (PyErr_GivenExceptionMatches(err, PyExc_KeyError)) {
            PyErr_Clear();
            return -3;
        }
        return -7;
    }
    return 0;
}
