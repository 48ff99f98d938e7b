/* Compatibility shims in the style of a "compat" header: newer API functions
 * defined `static inline` for older Pythons, on top of the old API. refcheck
 * models each call as the documented API (its ApiModel row), not by
 * inlining these bodies. */
#ifndef TEST_COMPAT_SHIMS_H
#define TEST_COMPAT_SHIMS_H
#include <Python.h>

static inline PyObject *
PyList_GetItemRef(PyObject *list, Py_ssize_t index)
{
    PyObject *item = PyList_GetItem(list, index);
    Py_XINCREF(item);
    return item;
}

static inline PyObject *
PyImport_AddModuleRef(const char *name)
{
    PyObject *mod = PyImport_AddModule(name);
    Py_XINCREF(mod);
    return mod;
}

static inline int
PyDict_Pop(PyObject *dict, PyObject *key, PyObject **result)
{
    PyObject *value = PyDict_GetItemWithError(dict, key);
    if (value == NULL) {
        if (result)
            *result = NULL;
        return PyErr_Occurred() ? -1 : 0;
    }
    Py_INCREF(value);
    if (PyDict_DelItem(dict, key) < 0) {
        Py_DECREF(value);
        if (result)
            *result = NULL;
        return -1;
    }
    if (result)
        *result = value;
    else
        Py_DECREF(value);
    return 1;
}
#endif
