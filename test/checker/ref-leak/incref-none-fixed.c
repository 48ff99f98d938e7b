// References taken on Py_None that something takes over are not leaked:
// Py_RETURN_NONE, returning Py_None after Py_INCREF (directly or through a
// variable), storing it into a struct field or an out-parameter, handing it
// to a stealing call. Comparing an object with Py_None takes nothing, and an
// object that may be None is judged like any other.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *default_value;
} HolderObject;

static PyObject *
return_none(PyObject *self, PyObject *arg)
{
    Py_RETURN_NONE;
}

static PyObject *
return_after_incref(PyObject *self, PyObject *arg)
{
    Py_INCREF(Py_None);
    return Py_None;
}

static PyObject *
return_through_variable(PyObject *self, PyObject *arg)
{
    PyObject *result = Py_None;
    Py_INCREF(result);
    return result;
}

static int
store_into_field(HolderObject *self)
{
    Py_INCREF(Py_None);
    self->default_value = Py_None;
    return 0;
}

static int
store_into_out_parameter(PyObject **out)
{
    Py_INCREF(Py_None);
    *out = Py_None;
    return 0;
}

static PyObject *
into_list(PyObject *self, PyObject *arg)
{
    PyObject *list = PyList_New(1);
    if (list == NULL)
        return NULL;
    Py_INCREF(Py_None);
    PyList_SET_ITEM(list, 0, Py_None);
    return list;
}

static PyObject *
compare_and_keep(PyObject *self, PyObject *arg)
{
    PyObject *value = PyObject_GetAttrString(arg, "value");
    if (value == NULL)
        return NULL;
    if (value == Py_None) {
        Py_DECREF(value);
        return PyLong_FromLong(0);
    }
    return value;
}

static PyObject *
maybe_none(PyObject *self, PyObject *arg)
{
    PyObject *value = arg != NULL ? arg : Py_None;
    Py_XINCREF(value);
    return value;
}

static PyObject *
incref_then_release(PyObject *self, PyObject *arg)
{
    Py_INCREF(Py_None);
    PyObject *r = PyObject_Repr(Py_None);
    Py_DECREF(Py_None);
    return r;
}
