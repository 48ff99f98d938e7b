// Impact: allocation-failure. refcheck's own split of a conditional steal
// ("Assuming 'PyModule_AddObject' fails") constrains the call's result to
// -1; PyModule_AddObject fails only when memory runs out.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static int
add_answer(PyObject *m)
{
    PyObject *v = PyLong_FromLong(42);
    if (v == NULL)
        return -1;
    PyModule_AddObject(m, "answer", v);
    return 0; // expected-warning {{New reference from 'PyLong_FromLong' (held in 'v') is leaked [refcheck.ref-leak] [allocation-failure: when 'PyModule_AddObject' fails]}}
}
