// A reference stored into a field keeps the object alive: after
// `Py_INCREF(o); self->x = o;` the code still owns one reference of its own,
// and releasing it leaves the object to the field. Using the object
// afterwards is fine (greenlet's `p->_parent = get_current()`, a C++
// assignment whose temporary releases its copy). Releasing it once more
// gives back the field's reference: an over-release. A reference taken on
// an object another holder keeps and stored leaves two holders, and which
// one the release after gives back the path does not say (greenlet's
// `main_greenlet = consuming(main->self())`). Storing the code's only
// reference and then releasing it leaves the field dangling, and the use
// after it is reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *cache;
    PyObject *pending;
} Holder;

static Py_ssize_t
refill(Holder *self)
{
    PyObject *o = PyList_New(0);
    if (o == NULL)
        return -1;
    Py_INCREF(o);
    Py_XSETREF(self->cache, o);
    Py_DECREF(o);
    return PyList_GET_SIZE(o);      /* self->cache keeps o alive */
}

static Py_ssize_t
refill_twice_released(Holder *self)
{
    PyObject *o = PyList_New(0);
    if (o == NULL)
        return -1;
    Py_INCREF(o);
    Py_XSETREF(self->cache, o);
    Py_DECREF(o);
    Py_DECREF(o); // expected-warning {{Reference released twice: the one left belongs to another holder}}
    return 0;
}

/* A holder on the stack that releases what it holds, as a C++ smart
   pointer's destructor does. */
typedef struct {
    PyObject *p;
} Ref;

static PyObject *
pending_of(Holder *h)
{
    return h->pending;
}

static void
ref_clear(Ref *r)
{
    Py_CLEAR(r->p);
}

static const char *
adopt_pending(Holder *self, Holder *from)
{
    Ref tmp;
    tmp.p = pending_of(from);       /* takes over from->pending's reference */
    PyObject *o = tmp.p;
    Py_XINCREF(o);
    self->cache = o;                /* two holders now */
    ref_clear(&tmp);                /* gives back from->pending's */
    return Py_TYPE(pending_of(from))->tp_name;  /* self->cache keeps it */
}

static Py_ssize_t
refill_only_reference(Holder *self)
{
    PyObject *o = PyList_New(0);
    if (o == NULL)
        return -1;
    Py_XSETREF(self->cache, o);
    Py_DECREF(o);
    return PyList_GET_SIZE(o); // expected-warning {{Object passed to 'Py_TYPE' after its reference was released}}
}

static void
holder_dealloc(Holder *self)
{
    Py_XDECREF(self->cache);
    Py_XDECREF(self->pending);
    Py_TYPE(self)->tp_free((PyObject *)self);
}
