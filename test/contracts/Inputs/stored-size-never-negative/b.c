#include <Python.h>
#include <string.h>

/* How many bytes `read` gave: a bytes object's size, never negative. */
static Py_ssize_t
read_some(PyObject *read, char *buf, Py_ssize_t size)
{
    PyObject *data = PyObject_CallFunction(read, "n", size);
    if (data == NULL)
        return -1;
    if (!PyBytes_Check(data)) {
        Py_DECREF(data);
        PyErr_SetString(PyExc_TypeError, "read() must return bytes");
        return -1;
    }
    Py_ssize_t got = PyBytes_GET_SIZE(data);
    if (got > size)
        got = size;
    memcpy(buf, PyBytes_AS_STRING(data), got);
    Py_DECREF(data);
    return got;
}

/* Fails with -1 and an exception set, always: a negative count is the
   failure of read_some, which set one. */
int
read_exactly(PyObject *read, char *buf, Py_ssize_t size)
{
    Py_ssize_t got = read_some(read, buf, size);
    if (got == size)
        return 0;
    if (got >= 0)
        PyErr_SetString(PyExc_EOFError, "premature end of stream");
    return -1;
}
