#include "relate.h"

/* Clean: Relate.visit takes the new string over. */
int relate_fields(PyObject *obj, Relate *r) {
    if (r->visit(1, PyUnicode_FromString("__dict__"), r))
        return -1;
    return r->visit(2, PyUnicode_FromString("__class__"), r);
}

/* Buggy: Walk.visit only borrows, so the new string leaks. */
int walk_items(PyObject *obj, Walk *w) {
    return w->visit(PyUnicode_FromString("item"), w);
}

/* Buggy: Relate.visit takes over a reference this function only borrows. */
int relate_self(PyObject *obj, Relate *r) {
    return r->visit(3, obj, r);
}
