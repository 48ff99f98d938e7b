// PyTuple_GET_ITEM, PyList_GET_ITEM and PySequence_Fast_ITEMS(seq)[i] read
// the container's ob_item: the item is borrowed from the container, and
// releasing it gives back a reference the code never took. The fix takes
// one first (Py_INCREF, or Py_NewRef) or does not release it.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
first_arg(PyObject *self, PyObject *args)
{
    PyObject *a = PyTuple_GET_ITEM(args, 0);
    PyObject *r = PyObject_Repr(a);
    Py_DECREF(a); // expected-warning {{Borrowed reference from 'PyTuple_GET_ITEM' is released; the code does not own it}}
    return r;
}

static PyObject *
first_arg_fixed(PyObject *self, PyObject *args)
{
    PyObject *a = PyTuple_GET_ITEM(args, 0);
    return PyObject_Repr(a);
}

static PyObject *
last_of_list(PyObject *self, PyObject *list)
{
    PyObject *x = PyList_GET_ITEM(list, PyList_GET_SIZE(list) - 1);
    PyObject *r = PyObject_Str(x);
    Py_DECREF(x); // expected-warning {{Borrowed reference from 'PyList_GET_ITEM' is released; the code does not own it}}
    return r;
}

static PyObject *
first_of_seq(PyObject *self, PyObject *seq)
{
    PyObject *fast = PySequence_Fast(seq, "expected a sequence");
    if (fast == NULL)
        return NULL;
    if (PySequence_Fast_GET_SIZE(fast) == 0) {
        Py_DECREF(fast);
        Py_RETURN_NONE;
    }
    PyObject *x = PySequence_Fast_ITEMS(fast)[0];
    Py_DECREF(x); // expected-warning {{Borrowed reference from 'PySequence_Fast_ITEMS' is released; the code does not own it}}
    Py_DECREF(fast);
    Py_RETURN_NONE;
}

static PyObject *
first_of_seq_fixed(PyObject *self, PyObject *seq)
{
    PyObject *fast = PySequence_Fast(seq, "expected a sequence");
    if (fast == NULL)
        return NULL;
    if (PySequence_Fast_GET_SIZE(fast) == 0) {
        Py_DECREF(fast);
        Py_RETURN_NONE;
    }
    PyObject *x = Py_NewRef(PySequence_Fast_ITEMS(fast)[0]);
    Py_DECREF(fast);
    return x;
}

/* Replacing an item hands the container's reference to the old one over to
   the code (the pattern of itertools reusing its result tuple). */
static PyObject *
replace_first(PyObject *self, PyObject *arg)
{
    PyObject *t = PyTuple_New(1);
    if (t == NULL)
        return NULL;
    PyTuple_SET_ITEM(t, 0, Py_NewRef(arg));
    PyObject *old = PyTuple_GET_ITEM(t, 0);
    PyTuple_SET_ITEM(t, 0, Py_NewRef(Py_None));
    Py_DECREF(old);
    return t;
}
