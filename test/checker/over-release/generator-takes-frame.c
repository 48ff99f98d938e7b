// PyGen_New, PyGen_NewWithQualName, PyCoro_New and PyAsyncGen_New take the
// reference to the frame they are given, on failure too (the C API's docs:
// "A reference to frame is stolen by this function"). Their own bodies
// (CPython's Objects/genobject.c, through a shared static helper) release
// it, and that is their reference. A caller that releases the frame after
// handing it over releases it twice.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

/* Its struct is in CPython's internal headers only. */
struct _frame {
    PyObject_HEAD
    void *f_frame;
};
typedef struct _frame PyFrameObject;
PyObject *PyGen_New(PyFrameObject *f);
PyObject *PyAsyncGen_New(PyFrameObject *f, PyObject *name, PyObject *qualname);

typedef struct {
    PyObject_HEAD
    PyObject *frame;
} gen;

static PyTypeObject Gen_Type;

/* The shape of genobject.c's gen_new_with_qualname. */
static PyObject *
new_with_qualname(PyTypeObject *type, PyFrameObject *f)
{
    gen *g = PyObject_GC_New(gen, type);
    if (g == NULL) {
        Py_DECREF(f);
        return NULL;
    }
    g->frame = NULL;
    Py_DECREF(f);
    return (PyObject *)g;
}

PyObject *
PyAsyncGen_New(PyFrameObject *f, PyObject *name, PyObject *qualname)
{
    return new_with_qualname(&Gen_Type, f);
}

static PyObject *
make_gen(PyObject *self, PyObject *frame)
{
    Py_INCREF(frame);
    return PyGen_New((PyFrameObject *)frame);
}

static PyObject *
make_gen_twice(PyObject *self, PyObject *frame)
{
    Py_INCREF(frame);
    PyObject *g = PyGen_New((PyFrameObject *)frame);
    Py_DECREF(frame); // expected-warning {{Reference released twice: the one left belongs to another holder}}
    return g;
}

static PyMethodDef methods[] = {
    {"make_gen", make_gen, METH_O, NULL},
    {"make_gen_twice", make_gen_twice, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
