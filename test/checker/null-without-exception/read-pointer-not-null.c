// A pointer the code has read through is not NULL afterwards: the read
// would have crashed. The same holds after a call the model evaluates
// instead of following its body when that call never fails yet needs an
// object (PyTuple_GET_SIZE, Py_INCREF): it crashes on NULL, it cannot
// report it. So make_key() below cannot return NULL once it has looked at
// args, and its caller's `if (!key) return NULL;` is only reached when
// PyTuple_New failed, with MemoryError set (the shape of CPython's
// _functoolsmodule.c lru_cache_make_key).
//
// The wrappers are reached through a table of function pointers, not as
// methods, so nothing else says their args is not NULL.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
make_key(PyObject *args, int typed)
{
    if (!typed) {
        if (PyTuple_GET_SIZE(args) == 1) {
            PyObject *key = PyTuple_GET_ITEM(args, 0);
            Py_INCREF(key);
            return key;
        }
        Py_INCREF(args);
        return args;
    }
    return PyTuple_New(2);
}

static PyObject *
cached_call(PyObject *self, PyObject *args)
{
    PyObject *key = make_key(args, 0);
    if (key == NULL)
        return NULL; // clean: args was read, so key is not NULL here
    Py_DECREF(key);
    Py_RETURN_NONE;
}

static PyObject *
typed_cached_call(PyObject *self, PyObject *args)
{
    PyObject *key = make_key(args, 1);
    if (key == NULL)
        return NULL; // clean: PyTuple_New failed and set MemoryError
    Py_DECREF(key);
    Py_RETURN_NONE;
}

/* The same with a read of the field itself. */
static PyObject *
make_key_by_field(PyObject *args)
{
    if (((PyVarObject *)args)->ob_size == 0)
        return PyTuple_New(0);
    Py_INCREF(args);
    return args;
}

static PyObject *
field_call(PyObject *self, PyObject *args)
{
    PyObject *key = make_key_by_field(args);
    if (key == NULL)
        return NULL; // clean: the field read says args is not NULL
    Py_DECREF(key);
    Py_RETURN_NONE;
}

/* Buggy twin: nothing reads args before it is handed back, and
   Py_XINCREF accepts NULL, so a NULL args comes back as a NULL result
   with no exception set. */
static PyObject *
make_key_unread(PyObject *args)
{
    Py_XINCREF(args);
    return args;
}

static PyObject *
unread_call(PyObject *self, PyObject *args)
{
    PyObject *key = make_key_unread(args);
    if (key == NULL)
        return NULL; // expected-warning {{Returning NULL without setting an exception}}
    Py_DECREF(key);
    Py_RETURN_NONE;
}

typedef PyObject *(*wrapper_fn)(PyObject *, PyObject *);
wrapper_fn wrappers[] = {cached_call, typed_cached_call, field_call,
                         unread_call};
