// A function of this file that the analyzer does not inline at a call is
// judged from its body, not by the C-API convention (a new reference):
// - every return hands back the same parameter, cast or not (exceptions.c's
//   _PyBaseExceptionObject_cast, longobject.c's long_normalize): the result
//   is the caller's own object, with the references it had;
// - every return is a stored object, a static object, a parameter, a
//   variable given only such values or results of such calls, itself
//   included (typeobject.c's _PyType_CalculateMetaclass, solid_base,
//   best_base): the result is borrowed, or, when a parameter's object may
//   come back, the caller's own object or a borrowed one, and not judged.
// In CPython the analyzer stops inlining past five nested calls, after a
// loop ran out of passes, and into recursion; here the helpers are
// variadic, which it never inlines. A helper that releases or takes a
// reference on what it returns is still judged by the convention.
//
// Each helper breaks the convention itself (it returns no new reference).
// Its contract, inferred from its body in the same parse (these helpers are
// the file's static functions the analyzer does not follow), says so: the
// body is judged by it, and so are its callers. Without contracts
// (--no-contracts) the break is said at the helper, once, not at each
// caller.
//
// RUN: refcheck %s -- -Xclang -verify
// RUN: not refcheck --no-contracts %s | FileCheck %s --check-prefix=CONVENTION
// CONVENTION: not-inlined-handback-helper.c:37:5: warning: Returning a borrowed reference (a parameter) where a new reference is owed
// CONVENTION: not-inlined-handback-helper.c:54:5: warning: Returning a borrowed reference (a parameter) where a new reference is owed
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *traceback;
} ExcObject;

static ExcObject *
exc_cast(PyObject *self, ...)
{
    return (ExcObject *)self;
}

/* The cast hands back the caller's object: nothing new to leak. */
PyObject *
exc_get_traceback(PyObject *self)
{
    ExcObject *exc = exc_cast(self);
    Py_XINCREF(exc->traceback);
    return exc->traceback;
}

static PyObject *
normalize(PyObject *v, ...)
{
    if (Py_SIZE(v) < 0)
        Py_SET_SIZE(v, 0);
    return v;
}

/* The new reference goes through the helper and is returned. */
PyObject *
make_normalized(long n)
{
    PyObject *v = PyLong_FromLong(n);
    if (v == NULL)
        return NULL;
    return normalize(v);
}

/* Still the caller's reference after the helper: dropping it leaks. */
int
check_normalized(long n)
{
    PyObject *v = PyLong_FromLong(n);
    if (v == NULL)
        return -1;
    v = normalize(v);
    return Py_SIZE(v) == 0; // expected-warning {{New reference from 'PyLong_FromLong' (held in 'v') is leaked}}
}

/* Its result ignored (longobject.c's `long_normalize(z);`): the caller's
 * reference is the one it releases, nothing else is owed. */
int
normalized_size(long n)
{
    PyObject *v = PyLong_FromLong(n);
    if (v == NULL)
        return -1;
    normalize(v);
    int r = Py_SIZE(v) == 0;
    Py_DECREF(v);
    return r;
}

/* What the handback returns is what it was given: here a new reference
 * (longobject.c's x_add ends with `return long_normalize(z);`). */
static PyObject *
make_trimmed(long n, ...)
{
    PyObject *z = PyLong_FromLong(n);
    if (z == NULL)
        return NULL;
    return normalize(z);
}

int
trimmed_is_zero(long n)
{
    PyObject *z = make_trimmed(n);
    if (z == NULL)
        return -1;
    return Py_SIZE(z) == 0; // expected-warning {{New reference from 'make_trimmed' (held in 'z') is leaked}}
}

static PyTypeObject *
most_derived(PyTypeObject *metatype, PyObject *bases, ...)
{
    PyTypeObject *winner = metatype;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); i++) {
        PyTypeObject *tmptype = Py_TYPE(PyTuple_GET_ITEM(bases, i));
        if (PyType_IsSubtype(winner, tmptype))
            continue;
        if (PyType_IsSubtype(tmptype, winner)) {
            winner = tmptype;
            continue;
        }
        PyErr_SetString(PyExc_TypeError, "metaclass conflict");
        return NULL;
    }
    return winner; // expected-warning {{Returning a borrowed reference (a parameter) where a new reference is owed}}
}

static PyTypeObject *
solid(PyTypeObject *type, ...)
{
    PyTypeObject *base;
    if (type->tp_base)
        base = solid(type->tp_base);
    else
        base = &PyBaseObject_Type;
    if (type->tp_basicsize != base->tp_basicsize)
        return type; // expected-warning {{Returning a borrowed reference (a parameter) where a new reference is owed}}
    return base; // expected-warning {{Returning 'PyBaseObject_Type' without taking a reference}}
}

/* Borrowed results: testing them owes no release. */
int
pick_metatype(PyTypeObject *metatype, PyObject *bases)
{
    PyTypeObject *winner = most_derived(metatype, bases);
    if (winner == NULL)
        return -1;
    PyTypeObject *base = solid(winner);
    return base == &PyBaseObject_Type;
}

/* The twin that takes a reference on what it returns: a new reference. */
static PyTypeObject *
most_derived_ref(PyTypeObject *metatype, PyObject *bases, ...)
{
    PyTypeObject *winner = metatype;
    if (PyTuple_GET_SIZE(bases) > 0)
        winner = Py_TYPE(PyTuple_GET_ITEM(bases, 0));
    Py_INCREF(winner);
    return winner;
}

int
pick_metatype_ref(PyTypeObject *metatype, PyObject *bases)
{
    PyTypeObject *winner = most_derived_ref(metatype, bases);
    return winner == metatype; // expected-warning {{New reference from 'most_derived_ref' (held in 'winner') is leaked}}
}

/* A check-wrapper releases its argument when it fails: neither borrowed nor
 * the caller's object handed back as it was. Its contract takes the
 * argument over. */
static int error_pending;

static PyObject *
check(PyObject *res, ...)
{
    if (error_pending) {
        Py_XDECREF(res);
        return NULL;
    }
    return res;
}

PyObject *
get_flag(long x)
{
    return check(PyBool_FromLong(x));
}
