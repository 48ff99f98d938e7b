#include <Python.h>

namespace h {
// An RAII holder: the constructor takes the reference, the destructor
// releases it (kiwisolver's cppy::ptr).
class ptr {
public:
  ptr(PyObject *ob, bool incref = false)
      : m_ob(incref ? (Py_XINCREF(ob), ob) : ob) {}
  ~ptr() { Py_XDECREF(m_ob); }
  PyObject *release() {
    PyObject *t = m_ob;
    m_ob = 0;
    return t;
  }
  explicit operator bool() const { return m_ob != 0; }

private:
  PyObject *m_ob;
};

// Only reads its argument.
struct sizer {
  Py_ssize_t n;
  sizer(PyObject *ob) : n(PyObject_Size(ob)) {}
};
} // namespace h

extern PyTypeObject Expr_Type;

static PyObject *make_expr(void) {
  h::ptr p(PyType_GenericNew(&Expr_Type, 0, 0));
  if (!p)
    return 0;
  return p.release();
}

static PyObject *l1(void) { return make_expr(); }
static PyObject *l2(void) { return l1(); }

static PyObject *new_expr(PyObject *self, PyObject *unused) { return l2(); }

static PyObject *size_of_new(PyObject *self, PyObject *unused) {
  PyObject *e = PyType_GenericNew(&Expr_Type, 0, 0); // expected-note {{New reference returned by 'PyType_GenericNew'}}
  if (!e) // expected-note {{Assuming 'e' is non-null}}
    return NULL;
  h::sizer s(e); // expected-warning {{New reference from 'PyType_GenericNew' (held in 'e') is leaked}}
  return PyLong_FromSsize_t(s.n);
}

static PyMethodDef methods[] = {
    {"new_expr", new_expr, METH_NOARGS, 0},
    {"size_of_new", size_of_new, METH_NOARGS, 0},
    {0, 0, 0, 0},
};
