// A function whose name says it takes a reference (..._incref, ..._addref,
// add_..._ref, retain_...) keeps the reference it takes on purpose: somebody
// else gives it back later (pycurl's curlmime_data_cb_owner_add_libcurl_ref
// keeps one for libcurl, which a free callback releases), or nobody does on
// purpose: a function that makes an object immortal (CPython 3.11's
// PyUnicode_InternImmortal) gives it a reference it never loses. Its
// Py_INCREF is not a leak, in its own body or in a function that calls it.
// The same body under another name is still reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    int library_refs;
} Owner;

void owner_incref(PyObject *o) { Py_INCREF(o); }

static void owner_add_library_ref(Owner *o) {
    o->library_refs += 1;
    Py_INCREF(o);
}

void hand_all_to_library(PyObject *owners) {
    Py_ssize_t n = PyList_GET_SIZE(owners);
    for (Py_ssize_t i = 0; i < n; i++)
        owner_add_library_ref((Owner *)PyList_GET_ITEM(owners, i));
}

static void owner_make_immortal(Owner *o) {
    if (o->library_refs >= 0) {
        o->library_refs = -1;
        Py_INCREF(o);
    }
}

void pin_all(PyObject *owners) {
    Py_ssize_t n = PyList_GET_SIZE(owners);
    for (Py_ssize_t i = 0; i < n; i++)
        owner_make_immortal((Owner *)PyList_GET_ITEM(owners, i));
}

static void owner_touch(Owner *o) {
    o->library_refs += 1;
    Py_INCREF(o);
}

void touch_first(PyObject *owners) {
    if (PyList_GET_SIZE(owners) > 0)
        owner_touch((Owner *)PyList_GET_ITEM(owners, 0));
} // expected-warning {{Reference taken with 'Py_INCREF' is leaked}}
