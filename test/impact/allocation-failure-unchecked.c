// Impact: allocation-failure. An unchecked result crashes only when its call
// fails; PyLong_FromLong fails only when memory runs out (the ApiModel says
// so: `refcheck --list-api`).
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
// RUN: %expect-exit 1 refcheck --enable=unchecked-null --format=json %s | FileCheck %s
#include <Python.h>

static int
append_number(PyObject *list, long i)
{
    PyObject *item = PyLong_FromLong(i);
    int rc = PyList_Append(list, item); // expected-warning {{Result of 'PyLong_FromLong' may be NULL and is passed to 'PyList_Append' without a NULL check [refcheck.unchecked-null] [allocation-failure: when 'PyLong_FromLong' fails]}}
    Py_XDECREF(item);
    return rc;
}

// CHECK: "impact": "allocation-failure",
// CHECK-NEXT: "impact_call": "PyLong_FromLong",
