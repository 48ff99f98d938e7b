// A static helper that returns a new reference on some paths and a
// sentinel pointer that is no object on others (apsw's JSONB decoder:
// `#define DecodeSuccess ((PyObject *)1)`, returned when it only validates)
// has no one result kind: its contract says the result is unknown, and
// its callers are not judged on it. A helper that always returns a new
// reference still makes a dropped result a leak.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

#define DecodeSuccess ((PyObject *)1)

struct decoder {
    int alloc;
    Py_ssize_t left;
    const long *values;
};

static PyObject *
decode_one(struct decoder *d)
{
    long v = 0;
    for (int i = 0; i < 8 && d->left > 0; i++, d->left--)
        v = v * 10 + d->values[i];
    if (!d->alloc)
        return DecodeSuccess;
    return PyLong_FromLong(v);
}

static PyObject *
decode_list(struct decoder *d)
{
    int alloc = d->alloc;
    PyObject *res = alloc ? PyList_New(0) : NULL;
    if (alloc && !res)
        return NULL;
    while (d->left > 0) {
        PyObject *item = decode_one(d);
        if (!item) {
            Py_XDECREF(res);
            return NULL;
        }
        if (alloc) {
            if (PyList_Append(res, item) < 0) {
                Py_DECREF(item);
                Py_DECREF(res);
                return NULL;
            }
            Py_DECREF(item);
        }
    }
    return alloc ? res : DecodeSuccess;
}

static PyObject *
decode_number(struct decoder *d)
{
    long v = 0;
    for (int i = 0; i < 8 && d->left > 0; i++, d->left--)
        v = v * 10 + d->values[i];
    return PyLong_FromLong(v);
}

static int
count_numbers(struct decoder *d)
{
    int n = 0;
    while (d->left > 0) {
        PyObject *item = decode_number(d);
        if (!item)
            return -1;
        n++; // expected-warning {{New reference from 'PyLong_FromLong' (held in 'item') is leaked}}
    }
    return n;
}

PyObject *
decode(struct decoder *d)
{
    if (count_numbers(d) < 0)
        return NULL;
    return decode_list(d);
}
