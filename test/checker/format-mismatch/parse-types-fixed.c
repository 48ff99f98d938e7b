// The fix for parse-types.c: each code's own C type. Objects, strings,
// type-checked objects, converters and buffers, with the optional and
// keyword-only markers.
//
// RUN: refcheck %s -- -Xclang -verify
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static int
to_path(PyObject *o, void *out)
{
    *(PyObject **)out = o;
    return 1;
}

static PyObject *
scale(PyObject *self, PyObject *args)
{
    int factor;
    Py_ssize_t count;
    const char *name;
    Py_ssize_t name_len;
    PyObject *list, *path = NULL;
    double ratio = 1.0;
    Py_buffer buf;
    if (!PyArg_ParseTuple(args, "ins#O!y*|O&$d:scale", &factor, &count, &name,
                          &name_len, &PyList_Type, &list, &buf, to_path,
                          &path, &ratio))
        return NULL;
    PyBuffer_Release(&buf);
    return PyLong_FromSsize_t(factor * count);
}
