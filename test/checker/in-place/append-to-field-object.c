// PyUnicode_AppendAndDel consumes the reference the code took with
// Py_INCREF on an object a field holds. The field's own reference lives on,
// so releasing it afterwards is right (CPython's textio.c: the decoded text
// is read with Py_INCREF, appended to, and the field is then cleared).
// Consuming a reference taken on a parameter leaves the code nothing of its
// own: releasing the parameter afterwards is still an over-release.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *pending;
} Buffer;

static PyObject *
take_pending(Buffer *self, PyObject *more)
{
    PyObject *result = self->pending;
    if (result == NULL)
        return PyUnicode_FromString("");
    Py_INCREF(result);
    Py_INCREF(more);
    PyUnicode_AppendAndDel(&result, more);
    if (result == NULL)
        return NULL;
    Py_CLEAR(self->pending);
    return result;
}

static PyObject *
append_to_argument(PyObject *module, PyObject *arg)
{
    PyObject *result = arg;
    Py_INCREF(result);
    PyUnicode_AppendAndDel(&result, PyUnicode_FromString("!"));
    if (result == NULL)
        return NULL;
    Py_DECREF(arg); // expected-warning {{Reference released twice: the one left belongs to another holder}}
    return result;
}
