// A stolen reference keeps the object alive only as long as the container
// that took it. Once our reference to the container is released, the object
// may be gone with it.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
use_after_container_release(PyObject *self, PyObject *args)
{
    PyObject *list = PyList_New(1);
    if (list == NULL)
        return NULL;
    PyObject *item = PyLong_FromLong(7);
    if (item == NULL) {
        Py_DECREF(list);
        return NULL;
    }
    PyList_SET_ITEM(list, 0, item);
    Py_DECREF(list);
    return PyObject_Repr(item); // expected-warning {{Object passed to 'PyObject_Repr' after its reference was stolen and its container released}}
}
