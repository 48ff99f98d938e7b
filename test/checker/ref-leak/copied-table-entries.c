// A table copied with memcpy into raw memory the function allocated holds
// the same objects as the original: the loop that then takes a reference
// on each entry gives the copy its references, as stores would (CPython's
// clone_combined_dict_keys, multidict's md_clone_from_ht). References
// taken on the entries of a table that was not copied have no new holder,
// and leak.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
#include <string.h>

typedef struct {
    PyObject *key;
    PyObject *value;
} entry_t;

typedef struct {
    Py_ssize_t nentries;
    unsigned char log2_index_bytes;
    char indices[];
} table_t;

static entry_t *
entries_of(table_t *t)
{
    return (entry_t *)(&t->indices[(size_t)1 << t->log2_index_bytes]);
}

static table_t *
clone_table(table_t *orig, size_t size)
{
    table_t *copy = PyMem_Malloc(size);
    if (copy == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    memcpy(copy, orig, size);
    entry_t *entry = entries_of(copy);
    for (Py_ssize_t i = 0; i < copy->nentries; i++, entry++) {
        Py_XINCREF(entry->key);
        PyObject *value = entry->value;
        Py_XINCREF(value);
    }
    return copy;
}

static void
take_all(table_t *orig)
{
    entry_t *entry = entries_of(orig);
    for (Py_ssize_t i = 0; i < orig->nentries; i++, entry++) {
        Py_XINCREF(entry->key);
    }
} // expected-warning {{Reference taken with 'Py_XINCREF' is leaked}}
