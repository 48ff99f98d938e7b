// A parser callback that hands its object back as `void *` (ujson's
// decoder: `static JSOBJ Object_newTrue(void *prv) { Py_RETURN_TRUE; }`)
// returns the reference it took on the static object with it, as it would
// an object it made (on the 3.11 headers, where Py_True has a count). A
// reference taken and not returned still leaks.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef void *JSOBJ;

static JSOBJ
new_true(void *prv)
{
    Py_RETURN_TRUE;
}

static JSOBJ
new_list(void *prv)
{
    return PyList_New(0);
}

static JSOBJ
new_null_leaky(void *prv)
{
    Py_INCREF(Py_None);
    return prv; // expected-warning {{Reference taken with 'Py_INCREF' on 'Py_None' is leaked}}
}
