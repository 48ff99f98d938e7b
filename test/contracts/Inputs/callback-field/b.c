#include "relate.h"

/* Stored in Relate.visit: takes over the relator, on every path. */
static int collect_visit(int kind, PyObject *relator, Relate *r) {
    int err = -1;
    if (relator == NULL)
        return -1;
    if (kind >= 0)
        err = PyList_Append(r->found, relator);
    Py_DECREF(relator);
    return err;
}

/* Stored in Walk.visit: borrows the item, as the C API's callbacks do. */
static int count_visit(PyObject *item, Walk *w) {
    return PyList_Append(w->seen, item);
}

PyObject *relations(PyObject *obj) {
    Relate r;
    r.found = PyList_New(0);
    if (r.found == NULL)
        return NULL;
    r.visit = collect_visit;
    if (relate_fields(obj, &r) < 0) {
        Py_DECREF(r.found);
        return NULL;
    }
    return r.found;
}

PyObject *items(PyObject *obj) {
    Walk w = {NULL, count_visit};
    w.seen = PyList_New(0);
    if (w.seen == NULL)
        return NULL;
    if (walk_items(obj, &w) < 0) {
        Py_DECREF(w.seen);
        return NULL;
    }
    return w.seen;
}
