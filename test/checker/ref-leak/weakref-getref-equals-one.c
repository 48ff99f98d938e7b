// PyWeakref_GetRef returns -1, 0 or 1, and sets its out-parameter only on
// 1: `if (PyWeakref_GetRef(w, &obj) == 1) { ...; Py_DECREF(obj); }` is
// complete, the false branch holding nothing (pysqlite3's connection.c,
// with pythoncapi_compat's shim for Python < 3.13). Forgetting the release
// in the true branch still leaks.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

#include "Inputs/weakref-shim.h"

static void
reset_all(PyObject *refs)
{
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(refs); i++) {
        PyObject *obj;
        if (PyWeakref_GetRef(PyList_GET_ITEM(refs, i), &obj) == 1) {
            PyObject_SetAttrString(obj, "reset", Py_True);
            Py_DECREF(obj);
        }
    }
}

/* pysqlite3's remove_blob_from_connection_blob_list: never released. */
static int
contains(PyObject *refs, PyObject *target)
{
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(refs); i++) { // expected-warning {{New reference from 'PyWeakref_GetRef' (held in 'obj') is leaked}}
        PyObject *obj;
        if (PyWeakref_GetRef(PyList_GET_ITEM(refs, i), &obj) == 1) {
            if (obj == target)
                return 1;
        }
    }
    return 0;
}
