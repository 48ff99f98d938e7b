// `if (PyArena_AddPyObject(arena, obj) < 0) return -1; Py_INCREF(obj);`
// (typed_ast's obj2ast_object): a call that takes the reference only when
// it succeeds, tested in an `if`, followed by a Py_INCREF of the same
// object after the `if`. Where the call succeeded, the Py_INCREF runs and
// gives the holder the reference it took; where it failed, nothing was
// taken. A call that takes the reference even when it fails
// (PyList_SetItem) is still a steal of a borrowed reference on its failure
// path, and so is a Py_INCREF of another object.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct _arena PyArena;
int _PyArena_AddPyObject(PyArena *, PyObject *);
#define PyArena_AddPyObject _PyArena_AddPyObject

static int
obj2ast_object(PyObject *obj, PyObject **out, PyArena *arena)
{
    if (obj == Py_None)
        obj = NULL;
    if (obj) {
        if (PyArena_AddPyObject(arena, obj) < 0) {
            *out = NULL;
            return -1;
        }
        Py_INCREF(obj);
    }
    *out = obj;
    return 0;
}

static int
add_type(PyObject *m, PyObject *type)
{
    if (PyModule_AddObject(m, "T", type) < 0)
        return -1;
    Py_INCREF(type);
    return 0;
}

static PyObject *
set_first(PyObject *self, PyObject *args)
{
    PyObject *list, *o;
    if (!PyArg_ParseTuple(args, "O!O", &PyList_Type, &list, &o))
        return NULL;
    if (PyList_SetItem(list, 0, o) < 0) // expected-warning {{'PyList_SetItem' steals a reference, but this one is borrowed}}
        return NULL;
    Py_INCREF(o);
    Py_RETURN_NONE;
}

static int
add_type_then_take_module(PyObject *m, PyObject *type)
{
    if (PyModule_AddObject(m, "T", type) < 0) // expected-warning {{'PyModule_AddObject' steals a reference, but this one is borrowed}}
        return -1;
    Py_INCREF(m);
    return 0; // expected-warning {{Reference taken with 'Py_INCREF' (held in 'm') is leaked}}
}

static PyMethodDef methods[] = {
    {"set_first", set_first, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
