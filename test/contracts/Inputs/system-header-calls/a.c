#include <proj.h>

/* A new object when given none, else the object given: new on one path,
   the argument itself on the other. */
PyObject *
a_pick(PyObject *o)
{
    if (o == NULL)
        return b_new();
    return o;
}
