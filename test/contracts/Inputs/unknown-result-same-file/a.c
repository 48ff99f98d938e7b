#include <Python.h>

PyTypeObject *calc_meta(PyTypeObject *metatype, PyObject *bases);

/* Another file's call: the contract reaches it through the model. */
int
has_meta(PyTypeObject *meta, PyObject *bases)
{
    PyTypeObject *w = calc_meta(meta, bases);
    if (w == NULL)
        return -1;
    return w != meta;
}
