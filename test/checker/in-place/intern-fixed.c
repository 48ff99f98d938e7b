// PyUnicode_InternInPlace(&s) may swap the string for the interned one; the
// variable owns whichever it holds afterwards. Interned in a field or a
// static, the reference belongs to that memory.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
// expected-no-diagnostics

static PyObject *
interned(const char *text)
{
    PyObject *s = PyUnicode_FromString(text);
    if (s == NULL)
        return NULL;
    PyUnicode_InternInPlace(&s);
    return s;
}

static PyObject *cached_name;

static int
init_cache(void)
{
    cached_name = PyUnicode_FromString("name");
    if (cached_name == NULL)
        return -1;
    PyUnicode_InternInPlace(&cached_name);
    return 0;
}

struct holder {
    PyObject_HEAD
    PyObject *key;
};

static int
intern_key(struct holder *h)
{
    PyUnicode_InternInPlace(&h->key);
    return 0;
}
