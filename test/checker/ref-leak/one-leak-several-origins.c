// A variable leaked at one place is one finding, however many calls could
// have made the object it holds: here an inlined helper returns the result
// of one of two calls, and `res` is leaked at one `return`. The finding kept
// names the call on the path that happens on every call.
//
// RUN: refcheck %s -- -Xclang -verify
// RUN: %expect-exit 1 refcheck --format=json %s | FileCheck %s
// CHECK-COUNT-1: "check": "ref-leak"
// CHECK-NOT: "check": "ref-leak"
#include <Python.h>

static PyObject *
call_either(PyObject *func, PyObject *arg)
{
    if (arg == NULL)
        return PyObject_CallNoArgs(func);
    return PyObject_CallOneArg(func, arg);
}

static Py_hash_t
hash_result(PyObject *func, PyObject *arg)
{
    PyObject *res = call_either(func, arg);
    if (res == NULL)
        return -1;
    if (!PyLong_Check(res))
        return -1; // expected-warning-re {{New reference from '{{.*}}' (held in 'res') is leaked}}
    Py_hash_t h = PyLong_AsSsize_t(res);
    Py_DECREF(res);
    return h;
}
