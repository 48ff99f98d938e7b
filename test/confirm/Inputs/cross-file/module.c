/* The module: its method `run` calls a helper defined in helper.c. */
#include <Python.h>

PyObject *make_number(void);

static PyObject *run(PyObject *m, PyObject *unused) { return make_number(); }

static PyMethodDef xmod_methods[] = {
    {"run", run, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
static struct PyModuleDef xmod = {PyModuleDef_HEAD_INIT, "xmod", NULL, -1,
                                  xmod_methods};
PyMODINIT_FUNC PyInit_xmod(void) { return PyModule_Create(&xmod); }
