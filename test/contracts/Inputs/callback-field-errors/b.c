#include "stream.h"

static int next_char(Lexer *lx, char *c) {
    PyObject *b = PyObject_CallFunction(lx->read, "i", 1);
    if (!b)
        return -1;
    if (PyBytes_GET_SIZE(b) != 1) {
        PyErr_SetString(PyExc_EOFError, "no more tokens");
        Py_DECREF(b);
        return -1;
    }
    *c = PyBytes_AS_STRING(b)[0];
    Py_DECREF(b);
    return 0;
}

PyObject *lexer_set_read(Lexer *lx, PyObject *read) {
    Py_XSETREF(lx->read, Py_NewRef(read));
    lx->next = next_char;
    Py_RETURN_NONE;
}

/* -1 at the end of the stream, and no exception. */
static int fill_char(Reader *r, char *c) {
    PyObject *b = PyObject_CallFunction(r->read, "i", 1);
    if (!b)
        return -1;
    if (PyBytes_GET_SIZE(b) == 0) {
        Py_DECREF(b);
        return -1;
    }
    *c = PyBytes_AS_STRING(b)[0];
    Py_DECREF(b);
    return 0;
}

static PyObject *set_fill(Reader *r, PyObject *read) {
    Py_XSETREF(r->read, Py_NewRef(read));
    r->fill = fill_char;
    Py_RETURN_NONE;
}

static PyObject *read_char(Reader *r) {
    char c;
    if (r->fill(r, &c) == -1)
        return NULL;
    return PyLong_FromLong(c);
}

/* The twin: at the end of the stream NULL comes with no exception. */
static PyObject *next_char_object(Reader *r, PyObject *unused) {
    PyObject *ret = read_char(r);
    if (!ret && PyErr_GivenExceptionMatches(PyErr_Occurred(), PyExc_EOFError))
        PyErr_SetString(PyExc_ValueError, "truncated input");
    return ret;
}

static PyMethodDef reader_methods[] = {
    {"set_fill", (PyCFunction)set_fill, METH_O, NULL},
    {"next_char", (PyCFunction)next_char_object, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

PyObject *reader_module_methods(void) {
    return PyLong_FromVoidPtr(reader_methods);
}
