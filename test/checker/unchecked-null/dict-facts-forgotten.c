// What PyDict_Contains found (this key is in this dict) serves later
// lookups of the same dict and key (dict-contains-getitem.c). Once the key
// or the dict can no longer be reached, the fact is forgotten: kept, it
// told apart paths that were otherwise alike, and a loop of lookups
// multiplied the paths the rest of the function was explored on.
// python-ldap's LDAPmessage_to_python took 668,000 nodes to explore with
// such facts kept, 280,000 without.
//
// With the facts forgotten the function below is explored to its end in
// 13,000 steps; kept, it needs about 20,000. The hidden test hook
// REFCHECK_TEST_EXPLORATION says which.
//
// RUN: env REFCHECK_TEST_EXPLORATION=1 refcheck %s --enable=unchecked-null --no-cache --analyzer-config max-nodes=13000 -- -Xclang -verify 2>&1 | FileCheck %s
// CHECK: refcheck: explored check_names: complete
// expected-no-diagnostics
#include <Python.h>

static PyObject *
check_names(PyObject *self, PyObject *args)
{
    PyObject *dict, *names;
    int a, b, c, d, e, f;
    if (!PyArg_ParseTuple(args, "O!O!iiiiii", &PyDict_Type, &dict,
                          &PyList_Type, &names, &a, &b, &c, &d, &e, &f))
        return NULL;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(names); i++) {
        PyObject *key = PyObject_Str(PyList_GET_ITEM(names, i));
        if (key == NULL)
            return NULL;
        int found = PyDict_Contains(dict, key);
        Py_DECREF(key);
        if (found < 0)
            return NULL;
        if (found == 0)
            continue;
    }
    long flags = 0;
    if (a) flags |= 1;
    if (b) flags |= 2;
    if (c) flags |= 4;
    if (d) flags |= 8;
    if (e) flags |= 16;
    if (f) flags |= 32;
    return PyLong_FromLong(flags);
}

static PyMethodDef methods[] = {
    {"check_names", check_names, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
