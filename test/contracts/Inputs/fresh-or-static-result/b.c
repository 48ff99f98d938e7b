#include <Python.h>

/* A new str or int, or None with a reference: never an object the caller
   had (other than None). */
PyObject *status_result(int status)
{
    if (status == 0) {
        Py_INCREF(Py_None);
        return Py_None;
    }
    if (status < 0)
        return PyUnicode_FromString("error");
    return PyLong_FromLong(status);
}

/* An attribute of the module: any object, one the caller may have too. */
PyObject *module_attribute(PyObject *module)
{
    return PyObject_GetAttrString(module, "default");
}
