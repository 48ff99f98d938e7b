// After PyList_Append (or PyDict_SetItem, PyObject_SetAttr) succeeds, the
// container holds a reference of its own. Releasing ours with Py_DECREF
// leaves the object borrowed from the container, not forgotten: an error
// path that still ends in Py_XDECREF(item) releases the container's
// reference a second time. The fix clears the variable once the reference
// is given back (or leaves the error label without the Py_XDECREF).
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
append_then_fail(PyObject *self, PyObject *list)
{
    PyObject *item = PyLong_FromLong(1);
    if (item == NULL)
        return NULL;
    if (PyList_Append(list, item) < 0)
        goto error;
    Py_DECREF(item);
    if (PyList_Reverse(list) < 0)
        goto error;
    Py_RETURN_NONE;
error:
    Py_XDECREF(item); // expected-warning {{Reference released twice: the one left belongs to another holder (a container, the lender)}}
    return NULL;
}

static PyObject *
append_then_fail_fixed(PyObject *self, PyObject *list)
{
    PyObject *item = PyLong_FromLong(1);
    if (item == NULL)
        return NULL;
    if (PyList_Append(list, item) < 0)
        goto error;
    Py_CLEAR(item);
    if (PyList_Reverse(list) < 0)
        goto error;
    Py_RETURN_NONE;
error:
    Py_XDECREF(item);
    return NULL;
}

/* The object is still alive in the list: using it after our Py_DECREF is
   fine, only releasing it again is not. */
static PyObject *
append_then_use(PyObject *self, PyObject *list)
{
    PyObject *item = PyLong_FromLong(2);
    if (item == NULL)
        return NULL;
    if (PyList_Append(list, item) < 0) {
        Py_DECREF(item);
        return NULL;
    }
    Py_DECREF(item);
    return PyObject_Repr(item);
}
