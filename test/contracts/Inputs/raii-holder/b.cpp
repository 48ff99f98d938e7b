#include "holder.h"

Holder::Holder(PyObject *obj) : obj_(obj) {}

Holder::~Holder() { Py_XDECREF(obj_); }

PyObject *Holder::get() const { return obj_; }
