// A compatibility shim (a newer API function defined `static inline` in a
// header, on top of the old API) gives what the documented function gives: a
// new reference. refcheck applies the function's ApiModel row to the call
// instead of inlining the shim's body, so the reference is tracked as a new
// reference from that function: leaking it is reported, releasing it is not.
//
// RUN: refcheck %s -- -I%S/Inputs -Xclang -verify
#include "compat-shims.h"

static PyObject *
first_leaked(PyObject *self, PyObject *list)
{
    PyObject *item = PyList_GetItemRef(list, 0);
    if (item == NULL)
        return NULL;
    if (PyObject_IsTrue(item) < 0)
        return NULL; // expected-warning {{New reference from 'PyList_GetItemRef' (held in 'item') is leaked}}
    Py_DECREF(item);
    Py_RETURN_NONE;
}

static PyObject *
first_released(PyObject *self, PyObject *list)
{
    PyObject *item = PyList_GetItemRef(list, 0);
    if (item == NULL)
        return NULL;
    int r = PyObject_IsTrue(item);
    Py_DECREF(item);
    if (r < 0)
        return NULL;
    return PyBool_FromLong(r);
}

static int
module_leaked(void)
{
    PyObject *mod = PyImport_AddModuleRef("spam");
    if (mod == NULL)
        return -1;
    return 0; // expected-warning {{New reference from 'PyImport_AddModuleRef' (held in 'mod') is leaked}}
}

static int
module_released(void)
{
    PyObject *mod = PyImport_AddModuleRef("spam");
    if (mod == NULL)
        return -1;
    Py_DECREF(mod);
    return 0;
}

/* A new reference written through an out-parameter. */
static PyObject *
pop_leaked(PyObject *self, PyObject *args)
{
    PyObject *d, *k, *v;
    if (!PyArg_ParseTuple(args, "OO", &d, &k))
        return NULL;
    if (PyDict_Pop(d, k, &v) <= 0)
        return NULL;
    Py_RETURN_NONE; // expected-warning {{New reference from 'PyDict_Pop' (held in 'v') is leaked}}
}

static PyObject *
pop_returned(PyObject *self, PyObject *args)
{
    PyObject *d, *k, *v;
    if (!PyArg_ParseTuple(args, "OO", &d, &k))
        return NULL;
    if (PyDict_Pop(d, k, &v) <= 0)
        return NULL;
    return v;
}
