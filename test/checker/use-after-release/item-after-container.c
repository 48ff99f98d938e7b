// An item read from ob_item (PySequence_Fast_ITEMS, PyTuple_GET_ITEM) is
// borrowed from its container and lives only as long as the container:
// once the code releases its last reference to the container, the item may
// be freed with it. The fix takes a reference to the item first.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
repr_first(PyObject *self, PyObject *seq)
{
    PyObject *fast = PySequence_Fast(seq, "expected a sequence");
    if (fast == NULL)
        return NULL;
    if (PySequence_Fast_GET_SIZE(fast) == 0) {
        Py_DECREF(fast);
        Py_RETURN_NONE;
    }
    PyObject *x = PySequence_Fast_ITEMS(fast)[0];
    Py_DECREF(fast);
    return PyObject_Repr(x); // expected-warning {{Object passed to 'PyObject_Repr' after the container it was borrowed from was released}}
}

static PyObject *
repr_first_fixed(PyObject *self, PyObject *seq)
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
    PyObject *r = PyObject_Repr(x);
    Py_DECREF(x);
    return r;
}
