// A function of the same file that the analyzer does not inline (here it is
// variadic; in real code, like a module's long `all_ins(m)` adding constants,
// its inlining budget runs out) and whose body only borrows its argument:
// it reads the object and passes it to API functions that borrow it. The
// caller keeps its reference, so `if (all_ins(m) < 0) return NULL;` leaks
// the module. A helper whose body keeps what it is given is in
// not-inlined-helper.c: there the caller's reference is not judged.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "m", NULL, -1, NULL};

static int
all_ins(PyObject *m, ...)
{
    if (PyModule_AddIntConstant(m, "ONE", 1) < 0)
        return -1;
    if (PyModule_AddStringConstant(m, "NAME", "m") < 0)
        return -1;
    return 0;
}

PyObject *
init_leaked(void)
{
    PyObject *m = PyModule_Create(&def);
    if (m == NULL)
        return NULL;
    if (all_ins(m) < 0)
        return NULL; // expected-warning {{New reference from 'PyModule_Create2' (held in 'm') is leaked}}
    return m;
}

PyObject *
init_released(void)
{
    PyObject *m = PyModule_Create(&def);
    if (m == NULL)
        return NULL;
    if (all_ins(m) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

/* A helper that hands its argument on to another helper of the file that
 * only borrows it borrows it too. */
static int
add_all(PyObject *m, ...)
{
    return m == NULL ? -1 : all_ins(m);
}

PyObject *
init_through_two_leaked(void)
{
    PyObject *m = PyModule_Create(&def);
    if (m == NULL)
        return NULL;
    if (add_all(m) < 0)
        return NULL; // expected-warning {{New reference from 'PyModule_Create2' (held in 'm') is leaked}}
    return m;
}
