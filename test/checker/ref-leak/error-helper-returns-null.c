// Error helpers of the file that always return NULL (`return set_error(...)`)
// give no reference, even when the analyzer cannot inline them (variadic
// functions are never inlined). So do helpers whose other returns are calls
// that always return NULL (`return PyErr_SetFromErrno(...)`, or another such
// helper), as _ssl.c's PySSL_SetError. A helper that returns real objects
// does.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
#include <stdarg.h>

static PyObject *
set_error(PyObject *type, const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    PyErr_FormatV(type, fmt, va);
    va_end(va);
    return NULL;
}

static PyObject *
make_label(const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    PyObject *r = PyUnicode_FromFormatV(fmt, va);
    va_end(va);
    return r;
}

static PyObject *
fails_cleanly(PyObject *self, PyObject *arg)
{
    if (!PyLong_Check(arg)) {
        set_error(PyExc_TypeError, "expected int, got %s", Py_TYPE(arg)->tp_name);
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
drops_label(PyObject *self, PyObject *arg)
{
    make_label("%d", 1);
    Py_RETURN_NONE; // expected-warning {{New reference from 'make_label' is leaked}}
}

/* Every return is NULL, an API call that always returns NULL, or another
 * helper that does. */
static PyObject *
set_os_error(int code, ...)
{
    if (code == 0)
        return PyErr_SetFromErrno(PyExc_OSError);
    if (code < 0)
        return set_error(PyExc_ValueError, "bad code %d", code);
    PyErr_SetString(PyExc_RuntimeError, "failed");
    return NULL;
}

static PyObject *
read_checked(PyObject *self, PyObject *arg)
{
    long code = PyLong_AsLong(arg);
    if (code == -1 && PyErr_Occurred())
        return NULL;
    if (code != 1) {
        set_os_error((int)code);
        return NULL;
    }
    Py_RETURN_NONE;
}

/* CPython's internal error helpers are rows of the model that always
 * return NULL (declared here as Include/internal/pycore_pyerrors.h does). */
PyObject *_PyErr_Format(PyThreadState *tstate, PyObject *exception,
                        const char *format, ...);
PyObject *_PyErr_FormatFromCause(PyObject *exception, const char *format,
                                 ...);

static PyObject *
check_positive(PyObject *self, PyObject *arg)
{
    if (PyLong_AsLong(arg) <= 0) {
        if (PyErr_Occurred())
            return _PyErr_FormatFromCause(PyExc_ValueError, "not a number");
        _PyErr_Format(PyThreadState_Get(), PyExc_ValueError, "not positive");
        return NULL;
    }
    Py_RETURN_NONE;
}

/* One return hands out a real object: the convention holds. */
static PyObject *
set_or_make(int code, ...)
{
    if (code == 0)
        return PyErr_SetFromErrno(PyExc_OSError);
    return PyLong_FromLong(code);
}

static PyObject *
drops_made(PyObject *self, PyObject *arg)
{
    set_or_make(1);
    Py_RETURN_NONE; // expected-warning {{New reference from 'set_or_make' is leaked}}
}

static PyMethodDef methods[] = {
    {"fails_cleanly", fails_cleanly, METH_O, NULL},
    {"drops_label", drops_label, METH_O, NULL},
    {"read_checked", read_checked, METH_O, NULL},
    {"drops_made", drops_made, METH_O, NULL},
    {"check_positive", check_positive, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
