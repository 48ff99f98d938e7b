// _PyErr_ChainExceptions(exc, val, tb) takes the three references
// PyErr_Fetch gave, as PyErr_Restore does: it chains them to the exception
// now set. A fetched exception that is neither restored nor chained leaks.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static int
undo_and_chain(PyObject *dict, PyObject *key)
{
    PyObject *exc, *val, *tb;
    PyErr_Fetch(&exc, &val, &tb);
    (void)PyDict_DelItem(dict, key);
    _PyErr_ChainExceptions(exc, val, tb);
    return -1;
}

static int
undo_and_drop(PyObject *dict, PyObject *key)
{
    PyObject *exc, *val, *tb;
    PyErr_Fetch(&exc, &val, &tb);
    // Reported where the three are last seen alive.
    (void)PyDict_DelItem(dict, key); // expected-warning {{New reference from 'PyErr_Fetch' (held in 'exc') is leaked}} expected-warning {{New reference from 'PyErr_Fetch' (held in 'val') is leaked}} expected-warning {{New reference from 'PyErr_Fetch' (held in 'tb') is leaked}}
    return -1;
}
