/* Uses the project's own API, described in ../.refcheck.yaml. */
#include <Python.h>

PyObject *cache_get(const char *key);
int bag_add(PyObject *bag, PyObject *item);

/* Wrong when cache_get returns a borrowed reference. */
static PyObject *
drop_cached(PyObject *self, PyObject *args)
{
    PyObject *v = cache_get("k");
    if (v == NULL)
        return NULL;
    Py_DECREF(v);
    Py_RETURN_NONE;
}

/* Right when bag_add steals `item`; a leak otherwise. */
static PyObject *
add_one(PyObject *self, PyObject *bag)
{
    PyObject *item = PyLong_FromLong(1);
    if (item == NULL)
        return NULL;
    if (bag_add(bag, item) < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* borrowed-return, which the config turns off. */
static PyObject *
get_none(PyObject *self, PyObject *args)
{
    return Py_None;
}
