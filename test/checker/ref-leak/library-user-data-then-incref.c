// An object handed to a C library as its `void *` user data, then given a
// reference once the registration succeeded (apsw's
// `sqlite3_create_collation_v2(db, name, ..., callback, ..., destroy)`
// followed by `Py_INCREF(callback)`): the library keeps the object and its
// destroy callback releases that reference. Taking the reference before
// the call is the same. Where the code owned the object it registered, the
// reference taken afterwards is still reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

extern int lib_register(void *db, const char *name, void *user_data,
                        void (*destroy)(void *));

static void
release_user_data(void *p)
{
    Py_DECREF((PyObject *)p);
}

static PyObject *
register_callback_after(PyObject *self, PyObject *callback)
{
    int rc = lib_register(NULL, "collation", callback, release_user_data);
    if (rc != 0) {
        PyErr_SetString(PyExc_ValueError, "registration failed");
        return NULL;
    }
    Py_INCREF(callback);
    Py_RETURN_NONE;
}

static PyObject *
register_callback_before(PyObject *self, PyObject *callback)
{
    Py_INCREF(callback);
    int rc = lib_register(NULL, "collation", callback, release_user_data);
    if (rc != 0) {
        Py_DECREF(callback);
        PyErr_SetString(PyExc_ValueError, "registration failed");
        return NULL;
    }
    Py_RETURN_NONE;
}

// The code owned the object it registered: that reference went to the
// library, and the one taken afterwards is leaked.
static PyObject *
register_owned_callback(PyObject *self, PyObject *unused)
{
    PyObject *callback = PyObject_GetAttrString(self, "callback");
    if (!callback)
        return NULL;
    int rc = lib_register(NULL, "collation", callback, release_user_data);
    if (rc != 0) {
        PyErr_SetString(PyExc_ValueError, "registration failed");
        return NULL;
    }
    Py_INCREF(callback);
    Py_RETURN_NONE; // expected-warning {{Reference taken with 'Py_INCREF' (held in 'callback') is leaked [refcheck.ref-leak]}}
}
