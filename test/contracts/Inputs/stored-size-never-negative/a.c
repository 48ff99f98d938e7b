#include <Python.h>

int read_exactly(PyObject *read, char *buf, Py_ssize_t size);

static PyObject *
read_header(PyObject *self, PyObject *read)
{
    char head[4];
    if (read_exactly(read, head, 4) < 0)
        return NULL;
    return PyBytes_FromStringAndSize(head, 4);
}

static PyMethodDef methods[] = {
    {"read_header", read_header, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
