#include <Python.h>

/* Owns one reference; its destructor releases it. */
class Holder {
public:
    explicit Holder(PyObject *obj);
    ~Holder();
    PyObject *get() const;

private:
    PyObject *obj_;
};
