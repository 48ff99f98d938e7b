// Py_BuildValue of one object and nothing around it ("N", "O", "S")
// hands that object back: it fails exactly when the object is NULL. After
// the code checked the object, the build's failure branch is dead, and the
// release there of what "N" took is no over-release (pycrypto's
// rsaKey__encrypt). The twin builds a tuple, which can fail on memory:
// releasing what "N" already took on that branch is a real over-release.
// PyObject_CallMethod's "O" builds its arguments: its result may be NULL.
//
// RUN: refcheck %s --enable=unchecked-null -- -Xclang -verify
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

/* PyObject_CallMethod's format builds the arguments: its result is the
   method's, which may be NULL whatever the argument. */
static PyObject *
index_of(PyObject *self, PyObject *args)
{
    PyObject *parent, *node;
    if (!PyArg_ParseTuple(args, "OO", &parent, &node) || node == NULL)
        return NULL;
    PyObject *num = PyObject_CallMethod(parent, "index", "O", node);
    Py_DECREF(num); // expected-warning-re {{Result of 'PyObject_CallMethod' {{may be NULL|is NULL here}}}}
    Py_RETURN_NONE;
}
