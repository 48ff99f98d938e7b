#include "stream.h"
#include <string.h>

static int read_exact(Decoder *self, char *buf, Py_ssize_t size) {
    PyObject *b = PyObject_CallFunction(self->read, "n", size);
    if (!b)
        return -1;
    if (PyBytes_GET_SIZE(b) < size) {
        PyErr_SetString(PyExc_EOFError, "premature end of stream");
        Py_DECREF(b);
        return -1;
    }
    memcpy(buf, PyBytes_AS_STRING(b), size);
    Py_DECREF(b);
    return 0;
}

static PyObject *set_read(Decoder *self, PyObject *read) {
    Py_XSETREF(self->read, Py_NewRef(read));
    self->fp_read = read_exact;
    Py_RETURN_NONE;
}

static PyObject *read_byte(Decoder *self) {
    char c;
    if (self->fp_read(self, &c, 1) == -1)
        return NULL;
    return PyLong_FromLong(c);
}

/* NULL from read_byte comes with an exception: the field's convention. */
static PyObject *decode_byte(Decoder *self, PyObject *unused) {
    PyObject *ret = read_byte(self);
    if (!ret && PyErr_GivenExceptionMatches(PyErr_Occurred(), PyExc_EOFError))
        PyErr_SetString(PyExc_ValueError, "truncated input");
    return ret;
}

static PyObject *read_token(Lexer *lx) {
    char c;
    if (lx->next(lx, &c) == -1)
        return NULL;
    return PyLong_FromLong(c);
}

/* The same through a field whose functions b.c stores. */
static PyObject *lex_token(Lexer *lx, PyObject *unused) {
    PyObject *ret = read_token(lx);
    if (!ret && PyErr_GivenExceptionMatches(PyErr_Occurred(), PyExc_EOFError))
        PyErr_SetString(PyExc_ValueError, "truncated token");
    return ret;
}

static PyMethodDef decoder_methods[] = {
    {"set_read", (PyCFunction)set_read, METH_O, NULL},
    {"decode_byte", (PyCFunction)decode_byte, METH_NOARGS, NULL},
    {"lex_token", (PyCFunction)lex_token, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

PyObject *decoder_module_methods(void) {
    return PyLong_FromVoidPtr(decoder_methods);
}
