// A function of this file whose every non-NULL return is a local variable
// given only NULL, objects read from storage, or results of functions that
// return borrowed references (PyDict_GetItemWithError) returns a borrowed
// reference, as not-inlined-lookup-helper.c's storage reads do. A
// reference it takes on a local it does not return (it keeps the MRO
// tuple alive while it looks, as typeobject.c's find_name_in_mro) says
// nothing of its result. When the analyzer does not inline it (here it is
// variadic; in typeobject.c its caller is too large), its callers are
// judged by that, not by the convention (a new reference). With a loop, it
// is one of the file's static helpers that get a contract from their own
// body first: its body is then judged by that contract, and not reported
// for the borrowed reference it returns, which --no-contracts still says.
//
// RUN: refcheck %s -- -Xclang -verify
// RUN: not refcheck --no-contracts %s | FileCheck %s --check-prefix=CONVENTION
// CONVENTION: not-inlined-borrowed-lookup.c:37:5: warning: Returning a borrowed reference from 'PyDict_GetItemWithError' where a new reference is owed
// CONVENTION: not-inlined-borrowed-lookup.c:157:5: warning: New reference from 'stack_load' (held in 'b') is leaked
#include <Python.h>

static PyObject *
find_in_mro(PyTypeObject *type, PyObject *name, ...)
{
    PyObject *mro = type->tp_mro;
    PyObject *res = NULL;
    if (mro == NULL)
        return NULL;
    Py_INCREF(mro);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(mro); i++) {
        PyObject *dict = ((PyTypeObject *)PyTuple_GET_ITEM(mro, i))->tp_dict;
        res = PyDict_GetItemWithError(dict, name);
        if (res != NULL || PyErr_Occurred())
            break;
    }
    Py_DECREF(mro);
    // The helper breaks the convention: said here, once, not at each caller
    // (without contracts).
    return res;
}

/* Looks and only tests: nothing owned, nothing leaked. */
int
has_attr(PyTypeObject *type, PyObject *name)
{
    PyObject *res = find_in_mro(type, name);
    return res != NULL;
}

/* Hands it out without a reference of its own: reported. */
PyObject *
get_attr(PyTypeObject *type, PyObject *name)
{
    PyObject *res = find_in_mro(type, name);
    if (res == NULL && !PyErr_Occurred())
        PyErr_SetObject(PyExc_AttributeError, name);
    return res; // expected-warning {{Returning a borrowed reference from 'find_in_mro' where a new reference is owed}}
}

/* The twin that takes a reference on what it returns: a new reference. */
static PyObject *
find_in_mro_ref(PyTypeObject *type, PyObject *name, ...)
{
    PyObject *res = PyDict_GetItemWithError(type->tp_dict, name);
    Py_XINCREF(res);
    return res;
}

int
has_attr_ref(PyTypeObject *type, PyObject *name)
{
    PyObject *res = find_in_mro_ref(type, name);
    return res != NULL; // expected-warning {{New reference from 'find_in_mro_ref' (held in 'res') is leaked}}
}

/* Takes the object out of its slot through a local (as setobject.c's
 * set_pop empties the entry, and _collectionsmodule.c's deque_popleft moves
 * its index): the slot's reference goes to the caller, a new reference. */
typedef struct {
    PyObject_HEAD
    PyObject *slots[8];
    Py_ssize_t left;
    PyObject *last;
} queue;

static PyObject *
queue_take_last(queue *q, ...)
{
    PyObject *item = q->last;
    q->last = NULL;
    return item;
}

static PyObject *
queue_popleft(queue *q, ...)
{
    PyObject *item = q->slots[q->left];
    q->left++;
    return item;
}

void
queue_drop(queue *q)
{
    PyObject *a = queue_take_last(q);
    Py_XDECREF(a);
    PyObject *b = queue_popleft(q);
    Py_XDECREF(b);
}

int
queue_forget(queue *q)
{
    PyObject *b = queue_popleft(q);
    return b == Py_None; // expected-warning {{New reference from 'queue_popleft' (held in 'b') is leaked}}
}

/* The size of a variable-size object moved through Py_SET_SIZE (3.9+), then
 * the slot past it read (_pickle.c's Pdata_pop): a pop, a new reference. A
 * function that returns what it popped hands that reference on. */
typedef struct {
    PyObject_VAR_HEAD
    PyObject **data;
} stack;

static PyObject *
stack_pop(stack *self, ...)
{
    if (Py_SIZE(self) <= 0)
        return NULL;
    Py_SET_SIZE(self, Py_SIZE(self) - 1);
    return self->data[Py_SIZE(self)];
}

static PyObject *
stack_load(stack *self, ...)
{
    PyObject *value = NULL;
    value = stack_pop(self);
    return value;
}

void
stack_drop(stack *self)
{
    PyObject *a = stack_pop(self);
    Py_XDECREF(a);
}

/* stack_load is a static helper the analysis does not follow, and its own
 * exploration comes before stack_pop's (callers first): that first round
 * leaves its result unknown, and a second round, after stack_pop's, reads
 * it as the pop's new reference. So this leak is judged, with contracts as
 * by the shape rules (--no-contracts). */
int
stack_forget(stack *self)
{
    PyObject *b = stack_load(self);
    return b == Py_None; // expected-warning {{New reference from 'stack_load' (held in 'b') is leaked}}
}
