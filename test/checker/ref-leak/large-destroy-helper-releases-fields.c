// A struct filled through pointers (PyArg_ParseTuple's out-arguments), its
// objects then taken with Py_INCREF, and released by a helper that clears
// the fields (`destroy_options(&opts)`, pymongo's codec options). The
// helper is large: the analyzer inlines such a function at most 32 times
// in a unit (max-times-inline-large; once here) and evaluates the later
// calls without its body. Those calls still hand the struct to the helper,
// which releases what it holds: no leak at the returns after them.
//
// RUN: refcheck %s --analyzer-config max-times-inline-large=1 -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject *document_class;
    PyObject *tzinfo;
    PyObject *encoder;
    PyObject *decoder;
    PyObject *fallback;
    PyObject *registry;
    PyObject *options;
} options_t;

static int
convert_options(PyObject *args, options_t *o)
{
    if (!PyArg_ParseTuple(args, "OO", &o->document_class, &o->tzinfo))
        return 0;
    o->encoder = o->decoder = o->fallback = o->registry = NULL;
    o->options = args;
    Py_INCREF(o->options);
    Py_INCREF(o->document_class);
    Py_INCREF(o->tzinfo);
    return 1;
}

static void
destroy_options(options_t *o)
{
    Py_CLEAR(o->document_class);
    Py_CLEAR(o->tzinfo);
    Py_CLEAR(o->encoder);
    Py_CLEAR(o->decoder);
    Py_CLEAR(o->fallback);
    Py_CLEAR(o->registry);
    Py_CLEAR(o->options);
}

int step(PyObject *arg, int n);

static PyObject *
encode(PyObject *self, PyObject *args)
{
    options_t opts;
    if (!convert_options(args, &opts))
        return NULL;
    if (step(args, 0) < 0) {
        destroy_options(&opts);
        return NULL;
    }
    if (step(args, 1) < 0) {
        destroy_options(&opts);
        return NULL;
    }
    destroy_options(&opts);
    Py_RETURN_NONE;
}

static PyObject *
leak_options(PyObject *self, PyObject *args)
{
    options_t opts;
    if (!convert_options(args, &opts))
        return NULL;
    if (step(args, 0) < 0)
        return NULL; // expected-warning {{Reference taken with 'Py_INCREF' (held in 'args') is leaked}} expected-warning 2 {{Reference taken with 'Py_INCREF' is leaked}}
    destroy_options(&opts);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"encode", encode, METH_VARARGS, NULL},
    {"leak_options", leak_options, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
