#include <Python.h>

/* A visitor handed to the project's relate functions. The header says
   visit() takes over the relator: "it should be newly allocated or
   INCREFed". */
typedef struct Relate {
    PyObject *found;
    int (*visit)(int kind, PyObject *relator, struct Relate *r);
} Relate;

/* A second visitor whose visit() only borrows what it is given. */
typedef struct Walk {
    PyObject *seen;
    int (*visit)(PyObject *item, struct Walk *w);
} Walk;

int relate_fields(PyObject *obj, Relate *r);
int walk_items(PyObject *obj, Walk *w);
