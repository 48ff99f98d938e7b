/* The project's own header (not a system header), as CPython's
   Include/internal/pycore_object.h is to Objects/: static inline helpers. */

/* Gives back one reference, freeing the object with destruct at zero
   (_Py_DECREF_SPECIALIZED). */
static inline void
release_with(PyObject *op, destructor destruct)
{
    if (--op->ob_refcnt != 0)
        return;
    destruct(op);
}

/* Only reads the object. */
static inline int
is_tiny(PyObject *op)
{
    if (Py_SIZE(op) == 0)
        return 1;
    if (Py_SIZE(op) == 1)
        return 1;
    return 0;
}
