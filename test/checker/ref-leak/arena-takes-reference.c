// The compiler's arena takes the reference of an object added to it, when
// the addition succeeds (CPython's _PyArena_AddPyObject; typed_ast's copy
// of the compiler spells it PyArena_AddPyObject through a macro): a helper
// that makes an identifier, adds it and returns it hands back a reference
// the arena owns, and its callers release nothing. Where the addition
// fails, the object is still the caller's: returning without releasing it
// leaks it.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct _arena PyArena;
int _PyArena_AddPyObject(PyArena *, PyObject *);
#define PyArena_AddPyObject _PyArena_AddPyObject

static PyObject *
new_identifier(const char *n, PyArena *arena)
{
    PyObject *id = PyUnicode_FromString(n);
    if (id == NULL)
        return NULL;
    if (PyArena_AddPyObject(arena, id) < 0) {
        Py_DECREF(id);
        return NULL;
    }
    return id;
}

int
has_name(const char *n, PyArena *arena)
{
    PyObject *name = new_identifier(n, arena);
    if (name == NULL)
        return -1;
    return PyUnicode_GET_LENGTH(name) > 0;
}

int
add_kind(PyArena *arena)
{
    PyObject *kind = PyUnicode_FromString("u");
    if (kind == NULL)
        return -1;
    if (PyArena_AddPyObject(arena, kind) < 0)
        return -1; // expected-warning {{New reference from 'PyUnicode_FromString' (held in 'kind') is leaked}}
    return 0;
}
