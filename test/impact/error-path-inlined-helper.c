// Impact: error-path. A helper of the file that the analyzer goes into
// returns -1 on a failure of its own: the capsule it reads is not the
// one it wants, and no call inside it failed. The caller's `< 0` branch is
// that helper's failure (cvxopt's `if (import_cvxopt() < 0) return NULL;`
// in each module's PyInit). A helper whose negative result is a value (a
// comparison) leaves the leak on its branch every-call.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static void **base_api;
static PyObject *base_capsule;

static int
import_base(void)
{
    if (base_capsule == NULL || !PyCapsule_IsValid(base_capsule, "base_API"))
        return -1;
    base_api = (void **)PyCapsule_GetPointer(base_capsule, "base_API");
    return 0;
}

static struct PyModuleDef moduledef = {PyModuleDef_HEAD_INIT, "blas", NULL,
                                       -1, NULL};

PyMODINIT_FUNC
PyInit_blas(void)
{
    PyObject *m = PyModule_Create(&moduledef);
    if (m == NULL)
        return NULL;
    if (import_base() < 0)
        return NULL; // expected-warning {{New reference from 'PyModule_Create2' (held in 'm') is leaked [refcheck.ref-leak] [error-path: when 'import_base' fails]}}
    return m;
}

static int
version_cmp(long a, long b)
{
    return a < b ? -1 : a > b;
}

static PyObject *
newer(PyObject *self, PyObject *args)
{
    long a, b;
    if (!PyArg_ParseTuple(args, "ll", &a, &b))
        return NULL;
    PyObject *r = PyList_New(0);
    if (r == NULL)
        return NULL;
    if (version_cmp(a, b) < 0)
        Py_RETURN_FALSE; // expected-warning-re {{New reference from 'PyList_New' (held in 'r') is leaked [refcheck.ref-leak]{{$}}}}
    return r;
}
