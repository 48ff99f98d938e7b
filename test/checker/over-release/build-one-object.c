// Py_BuildValue of one object and nothing around it ("N", "O", "S")
// hands that object back: it fails exactly when the object is NULL. After
// the code checked the object, the build's failure branch is dead, and the
// release there of what "N" took is no over-release (pycrypto's
// rsaKey__encrypt). The twin builds a tuple, which can fail on memory:
// releasing what "N" already took on that branch is a real over-release.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
encrypt_one(PyObject *self, PyObject *arg)
{
    PyObject *r = PyNumber_Negative(arg);
    if (r == NULL)
        return NULL;
    PyObject *retval = Py_BuildValue("N", r);
    if (retval == NULL) {
        Py_DECREF(r);
        return NULL;
    }
    return retval;
}

static PyObject *
encrypt_pair(PyObject *self, PyObject *arg)
{
    PyObject *r = PyNumber_Negative(arg);
    if (r == NULL)
        return NULL;
    PyObject *retval = Py_BuildValue("(N)", r);
    if (retval == NULL) {
        Py_DECREF(r); // expected-warning {{Reference released after it was stolen by 'Py_BuildValue'}}
        return NULL;
    }
    return retval;
}
