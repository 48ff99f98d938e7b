// A list that shrinks over an item hands the item's reference to the code:
// CPython's list.pop() reads the last item, sets the size one lower
// (list_resize, through Py_SET_SIZE) and returns the item with the list's
// reference. Both when the analysis goes into the resizing function and
// when it does not (a variadic one here is never inlined), also when the
// call comes before the function's body. The twin's helper does not touch
// the size, so the item is still borrowed.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static int resize_later(PyListObject *self, Py_ssize_t newsize, ...);

static PyObject *
pop_later(PyListObject *self, PyObject *Py_UNUSED(ignored))
{
    Py_ssize_t n = Py_SIZE(self);
    if (n == 0)
        Py_RETURN_NONE;
    PyObject *v = self->ob_item[n - 1];
    if (resize_later(self, n - 1) < 0)
        Py_RETURN_NONE;
    return v;
}

static int
resize_later(PyListObject *self, Py_ssize_t newsize, ...)
{
    if (self->allocated >= newsize) {
        Py_SET_SIZE(self, newsize);
        return 0;
    }
    return -1;
}

static int
resize(PyListObject *self, Py_ssize_t newsize)
{
    if (self->allocated >= newsize) {
        Py_SET_SIZE(self, newsize);
        return 0;
    }
    return -1;
}

static int
resize_v(PyListObject *self, Py_ssize_t newsize, ...)
{
    if (self->allocated >= newsize) {
        Py_SET_SIZE(self, newsize);
        return 0;
    }
    return -1;
}

static int
check_v(PyListObject *self, Py_ssize_t newsize, ...)
{
    return self->allocated >= newsize ? 0 : -1;
}

static PyObject *
pop(PyListObject *self, PyObject *Py_UNUSED(ignored))
{
    Py_ssize_t n = Py_SIZE(self);
    if (n == 0)
        Py_RETURN_NONE;
    PyObject *v = self->ob_item[n - 1];
    if (resize(self, n - 1) < 0)
        Py_RETURN_NONE;
    return v;
}

static PyObject *
pop_v(PyListObject *self, PyObject *Py_UNUSED(ignored))
{
    Py_ssize_t n = Py_SIZE(self);
    if (n == 0)
        Py_RETURN_NONE;
    PyObject *v = self->ob_item[n - 1];
    if (resize_v(self, n - 1) < 0)
        Py_RETURN_NONE;
    return v;
}

static PyObject *
peek_v(PyListObject *self, PyObject *Py_UNUSED(ignored))
{
    Py_ssize_t n = Py_SIZE(self);
    if (n == 0)
        Py_RETURN_NONE;
    PyObject *v = self->ob_item[n - 1];
    if (check_v(self, n - 1) < 0)
        Py_RETURN_NONE;
    return v; // expected-warning {{Returning a borrowed reference from 'PyList_GET_ITEM' where a new reference is owed}}
}

static PyMethodDef methods[] = {
    {"pop", (PyCFunction)pop, METH_NOARGS, NULL},
    {"pop_v", (PyCFunction)pop_v, METH_NOARGS, NULL},
    {"pop_later", (PyCFunction)pop_later, METH_NOARGS, NULL},
    {"peek_v", (PyCFunction)peek_v, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
