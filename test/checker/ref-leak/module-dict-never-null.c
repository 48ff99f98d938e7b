// PyModule_GetDict fails only when handed something that is not a module,
// and a module's dict is made with the module: its result is never NULL.
// A module init that tests it anyway (`if (d == NULL) return NULL;`) has
// dead code there, and the module it would leak is not reported
// (ExtensionClass's _MethodObject.c; sysv_ipc's module init). The same
// holds for the builtins (PyEval_GetBuiltins) and sys.modules
// (PyImport_GetModuleDict).
//
// The buggy twin leaks the module where a real failure returns:
// PyDict_SetItemString fails when memory runs out.
//
// RUN: refcheck %s --verify-notes -- -Xclang -verify
#include <Python.h>

static struct PyModuleDef dead_def = {PyModuleDef_HEAD_INIT, "dead", NULL, -1,
                                      NULL};

PyMODINIT_FUNC
PyInit_dead(void)
{
    PyObject *m = PyModule_Create(&dead_def);
    if (m == NULL)
        return NULL;
    PyObject *d = PyModule_GetDict(m);
    if (d == NULL)
        return NULL; /* never taken */
    PyObject *builtins = PyEval_GetBuiltins();
    if (builtins == NULL)
        return NULL; /* never taken */
    PyObject *modules = PyImport_GetModuleDict();
    if (modules == NULL)
        return NULL; /* never taken */
    return m;
}

static struct PyModuleDef live_def = {PyModuleDef_HEAD_INIT, "live", NULL, -1,
                                      NULL};

PyMODINIT_FUNC
PyInit_live(void)
{
    PyObject *m = PyModule_Create(&live_def); // expected-note {{New reference returned by 'PyModule_Create2'}}
    if (m == NULL) // expected-note {{Assuming 'm' is not equal to NULL}}
        return NULL;
    PyObject *d = PyModule_GetDict(m);
    if (d == NULL)
        return NULL;
    if (PyDict_SetItemString(d, "answer", Py_None) < 0) // expected-note {{Assuming the condition is true}}
        return NULL; // expected-warning {{New reference from 'PyModule_Create2' (held in 'm') is leaked}}
    return m;
}
