#include <Python.h>

static PyObject *cache;

/* Returns a borrowed reference to a cached object (the cache keeps it). */
PyObject *get_cache(void) {
    if (cache == NULL)
        cache = PyDict_New();
    return cache;
}
