// PyErr_NormalizeException replaces the three references in place and keeps
// PyErr_Fetch's invariant: a NULL type means a NULL value and traceback.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
// expected-no-diagnostics

static void
normalize_then_restore(void)
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (type == NULL)
        return;
    PyErr_Restore(type, value, tb);
}
