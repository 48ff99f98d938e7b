// Impact: allocation-failure for a leak that needs memory to run out, even
// on a path that also fails something else. A static type's reference,
// taken for PyModule_AddObject and not released when that call fails (it
// does not take the reference then), leaks on every later exit: the path
// shown may fail the import after it, but the bug needs the first failure,
// which happens only when memory runs out (ijson's ADD_TYPE module init).
// The exception that failure sets is still set at the `return 0`.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyTypeObject Parser_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "m.Parser",
    .tp_basicsize = sizeof(PyObject),
};

static PyObject *JSONError;

static int
m_exec(PyObject *m)
{
    if (PyType_Ready(&Parser_Type) < 0)
        return -1;
    Py_INCREF(&Parser_Type);
    PyModule_AddObject(m, "Parser", (PyObject *)&Parser_Type);
    PyObject *common = PyImport_ImportModule("json");
    if (common == NULL)
        return -1; // expected-warning {{Reference taken with 'Py_INCREF' on 'Parser_Type' is leaked [refcheck.ref-leak] [allocation-failure: when 'PyModule_AddObject' fails]}}
    JSONError = PyObject_GetAttrString(common, "JSONDecodeError");
    Py_DECREF(common);
    return JSONError == NULL ? -1 : 0; // expected-warning {{Returning 0 (success) while an exception is set: clear it (PyErr_Clear) or return -1 [refcheck.exception-not-cleared] [allocation-failure: when 'PyModule_AddObject' fails]}}
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, m_exec},
    {0, NULL},
};

static struct PyModuleDef def = {
    PyModuleDef_HEAD_INIT, .m_name = "m", .m_slots = slots,
};

PyMODINIT_FUNC
PyInit_m(void)
{
    return PyModuleDef_Init(&def);
}
