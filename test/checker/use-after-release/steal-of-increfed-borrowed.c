// A reference taken on a borrowed object (Py_INCREF on a parameter) and
// then stolen by a container goes with the container, but the object lives
// on: the caller still holds it. Using it after the container is released
// is fine (typeobject.c's mro_implementation puts the type into its result
// list; type_set_bases uses the type after the list is gone). An object the
// code made itself dies with the container that stole it.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static PyObject *
first_and(PyObject *head, PyObject *rest)
{
    PyObject *list = PyList_New(1);
    if (list == NULL)
        return NULL;
    Py_INCREF(head);
    PyList_SET_ITEM(list, 0, head);
    PyObject *tuple = PySequence_Tuple(list);
    Py_DECREF(list);
    if (tuple == NULL)
        return NULL;
    /* head is the caller's: still alive. */
    if (PyObject_SetAttrString(head, "mro", tuple) < 0) {
        Py_DECREF(tuple);
        return NULL;
    }
    return tuple;
}

/* Released twice: after the steal the code holds no reference of its own. */
static void
drop_head(PyObject *head)
{
    PyObject *list = PyList_New(1);
    if (list == NULL)
        return;
    Py_INCREF(head);
    PyList_SET_ITEM(list, 0, head);
    Py_DECREF(list);
    Py_DECREF(head); // expected-warning {{Reference released twice: the one left belongs to another holder (a container, the lender)}}
}

/* Made here: the list that stole it took it along. */
static int
fresh_gone(void)
{
    PyObject *list = PyList_New(1);
    if (list == NULL)
        return -1;
    PyObject *item = PyLong_FromLong(7);
    if (item == NULL) {
        Py_DECREF(list);
        return -1;
    }
    PyList_SET_ITEM(list, 0, item);
    Py_DECREF(list);
    return PyObject_IsTrue(item); // expected-warning {{Object passed to 'PyObject_IsTrue' after its reference was stolen and its container released}}
}

static PyMethodDef methods[] = {
    {"first_and", first_and, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
