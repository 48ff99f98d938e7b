// PyErr_NormalizeException leaves a value whenever the type is not NULL:
// a normalized exception has an instance (at least None). So after it,
// `cause_value != NULL` is true wherever cause_type is set, and the
// references it handed out are released on that branch (mod_wsgi's
// wsgi_set_python_exception_from_cause). The twin releases them only on
// a branch that tests the traceback, which may be NULL: there the value
// (and the type) leak.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static void
raise_from_cause(PyObject *exc_type, const char *text)
{
    PyObject *cause_type = NULL, *cause_value = NULL, *cause_tb = NULL;
    PyErr_Fetch(&cause_type, &cause_value, &cause_tb);
    PyErr_NormalizeException(&cause_type, &cause_value, &cause_tb);
    PyErr_SetString(exc_type, text);
    if (cause_value != NULL) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        PyException_SetCause(v, cause_value);
        Py_XDECREF(cause_type);
        Py_XDECREF(cause_tb);
        PyErr_Restore(t, v, tb);
    }
}

static void
raise_from_cause_leaky(PyObject *exc_type, const char *text)
{
    PyObject *cause_type = NULL, *cause_value = NULL, *cause_tb = NULL;
    PyErr_Fetch(&cause_type, &cause_value, &cause_tb);
    PyErr_NormalizeException(&cause_type, &cause_value, &cause_tb);
    PyErr_SetString(exc_type, text);
    if (cause_tb != NULL) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        PyException_SetCause(v, cause_value);
        Py_XDECREF(cause_type);
        Py_DECREF(cause_tb);
        PyErr_Restore(t, v, tb);
    }
} // expected-warning {{New reference from 'PyErr_NormalizeException' (held in 'cause_type') is leaked}} expected-warning {{New reference from 'PyErr_NormalizeException' (held in 'cause_value') is leaked}}
