// A C library keeps user data for the code and calls a function the code
// gives it when that data is destroyed (cairo's cairo_destroy_func_t,
// GLib's GDestroyNotify, D-Bus's DBusFreeFunction). pycairo hands a tuple
// over with its reference and releases it in that function
// (`_destroy_mime_user_data_func`): the parameter is the callback's to
// release, not borrowed. A function passed as another kind of callback
// (a visitor) borrows its argument as any function does, and Python's own
// capsule destructor is given the capsule to free, not a reference.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef void (*lib_destroy_func_t)(void *data);
typedef int (*lib_visit_func_t)(void *data);
int lib_set_user_data(void *handle, const void *key, void *data,
                      lib_destroy_func_t destroy);
int lib_visit(void *handle, lib_visit_func_t visit, void *data);

static void
destroy_user_data(PyObject *user_data)
{
    PyGILState_STATE gstate = PyGILState_Ensure();
    Py_DECREF(user_data);
    PyGILState_Release(gstate);
}

static int
visit_user_data(PyObject *user_data)
{
    Py_DECREF(user_data); // expected-warning {{Borrowed reference (a parameter) is released; the code does not own it}}
    return 0;
}

static void
capsule_gone(PyObject *capsule)
{
    Py_DECREF(capsule); // expected-warning {{Borrowed reference (a parameter) is released; the code does not own it}}
}

static int
attach(void *handle, PyObject *obj)
{
    PyObject *data = Py_BuildValue("(O)", obj);
    if (data == NULL)
        return -1;
    if (lib_visit(handle, (lib_visit_func_t)visit_user_data, data) < 0) {
        Py_DECREF(data);
        return -1;
    }
    return lib_set_user_data(handle, "key", data,
                             (lib_destroy_func_t)destroy_user_data);
}

static PyObject *
wrap(void *pointer)
{
    return PyCapsule_New(pointer, "demo.ptr", capsule_gone);
}
