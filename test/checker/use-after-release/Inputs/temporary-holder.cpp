#include <Python.h>

// A holder that owns one reference, as greenlet's OwnedReference does.
struct Ref {
    PyObject *p;
    explicit Ref(PyObject *o) : p(o) {}
    Ref(const Ref &o) : p(o.p) { Py_XINCREF(p); }
    ~Ref() { Py_XDECREF(p); }
    PyObject *get() const { return p; }
};

struct Node {
    PyObject *parent_;
    // Not followed (virtual): what it returns is a copy of a reference
    // the node keeps.
    virtual Ref parent() const;
};

// The temporary's copy is released at the end of the statement; the node
// still holds its parent.
const char *
parent_name(const Node *n)
{
    PyObject *p = n->parent().get();
    return Py_TYPE(p)->tp_name;
}

// A holder made here holds the only reference: released with it, the
// object is gone.
const char *
fresh_name()
{
    PyObject *p = Ref(PyList_New(0)).get();
    if (p == NULL)
        return NULL;
    return Py_TYPE(p)->tp_name; // expected-warning {{Object passed to 'Py_TYPE' after its reference was released}}
}
