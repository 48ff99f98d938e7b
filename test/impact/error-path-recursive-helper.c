// Impact: error-path, through a recursive helper. The analyzer follows the
// first pass of the loop into to_py and back, and evaluates the next
// pass's call without its body; only there can the call fail. The call
// followed the first time no longer passes for the second one, so the
// second's NULL is the failure it is: the leak happens when 'to_py'
// fails, not on every call (cx_Oracle's cxoTransform_toPythonFromJson
// was labelled every-call this way).
//
// RUN: refcheck %s -- -Xclang -verify
// RUN: %expect-exit 1 refcheck %s | FileCheck %s
#include <Python.h>

typedef struct Node {
    int kind;
    int n;
    struct Node *kids;
} Node;

static PyObject *
to_py(Node *node)
{
    PyObject *result, *item;
    if (node->kind == 0)
        return PyLong_FromLong(node->n);
    result = PyList_New(0);
    if (result == NULL)
        return NULL;
    for (int i = 0; i < node->n; i++) {
        item = to_py(&node->kids[i]);
        if (item == NULL)
            return NULL; // expected-warning {{New reference from 'PyList_New' (held in 'result') is leaked}}
        if (PyList_Append(result, item) < 0) {
            Py_DECREF(item);
            Py_DECREF(result);
            return NULL;
        }
        Py_DECREF(item);
    }
    return result;
}

static PyObject *
tree(PyObject *self, PyObject *capsule)
{
    Node *node = PyCapsule_GetPointer(capsule, "node");
    if (node == NULL)
        return NULL;
    return to_py(node);
}

static PyMethodDef methods[] = {
    {"tree", tree, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

// CHECK: error-path-recursive-helper.c:31:20: warning: New reference from 'PyList_New' (held in 'result') is leaked [refcheck.ref-leak] [error-path: when 'to_py' fails]
