#include <Python.h>

extern int probe(int i);

/* The file's own definition of a C-API function (a compatibility copy),
   whose exploration a small budget cuts short: its callers read the
   hand-written row (a borrowed result, NULL when absent), not an unknown
   contract from the cut exploration. */
PyObject *PyDict_GetItemWithError(PyObject *dict, PyObject *key) {
    int score = 0;
    for (int i = 0; i < 4; i++) {
        if (probe(i))
            score += i;
        else if (probe(-i))
            score -= i;
    }
    if (score > 0)
        return NULL;
    return PyDict_GetItem(dict, key);
}

/* Hands on what the lookup lends. */
PyObject *lookup(PyObject *dict, PyObject *key) {
    return PyDict_GetItemWithError(dict, key);
}
