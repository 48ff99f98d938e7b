#include <Python.h>
#include "bytes.h"

/* Takes the reference it is given: hands it back when obj is bytes, and
   releases it otherwise. Its body reads as "returns its argument, takes it
   on failure"; its declaration says "steals it, returns a new reference".
   Both say the same thing. */
PyObject *take_bytes(PyObject *obj) {
    if (PyBytes_Check(obj))
        return obj;
    PyErr_SetString(PyExc_TypeError, "expected bytes");
    Py_DECREF(obj);
    return NULL;
}
