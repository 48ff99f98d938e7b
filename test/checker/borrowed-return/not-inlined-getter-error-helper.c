// A lookup helper whose failures are error helpers' NULLs
// (`return PyErr_Format(...);`) next to `return nd->symbol;` still
// returns only stored objects: a borrowed reference (bitarray's
// binode_traverse, a tree walk the analyzer does not inline). A caller that
// takes its own reference is right; one that does not is reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct binode {
    struct binode *child[2];
    PyObject *symbol;
} binode;

static PyObject *
traverse(binode *tree, const char *bits, Py_ssize_t n, ...)
{
    binode *nd = tree;
    for (Py_ssize_t i = 0; i < n; i++) {
        nd = nd->child[bits[i] == '1'];
        if (nd == NULL)
            return PyErr_Format(PyExc_ValueError, "bad code at %zd", i);
        if (nd->symbol)
            return nd->symbol;
    }
    return PyErr_Format(PyExc_ValueError, "incomplete code");
}

static binode *root;

static PyObject *
decode_next(PyObject *self, PyObject *arg)
{
    PyObject *symbol = traverse(root, PyBytes_AS_STRING(arg),
                                PyBytes_GET_SIZE(arg));
    Py_XINCREF(symbol);
    return symbol;
}

static PyObject *
decode_next_borrowed(PyObject *self, PyObject *arg)
{
    PyObject *symbol = traverse(root, PyBytes_AS_STRING(arg),
                                PyBytes_GET_SIZE(arg));
    return symbol; // expected-warning {{Returning a borrowed reference from 'traverse' where a new reference is owed; add Py_NewRef()}}
}
