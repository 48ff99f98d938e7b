#include <Python.h>

extern int flag(int i);

PyObject *append_twice(PyObject *list, PyObject *item);
int add_item(PyObject *list, PyObject *item);
int tally(PyObject *list, PyObject *item, int n);

/* Callers come first in this file. The inference explores add_item
   before append_twice all the same, and append_twice reads add_item's
   contract at its calls: it takes `item` on success. */
PyObject *append_twice(PyObject *list, PyObject *item) {
    Py_INCREF(item);
    if (add_item(list, item) < 0) {
        Py_DECREF(item);
        return NULL;
    }
    if (add_item(list, item) < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* Takes `item` when it succeeds. */
int add_item(PyObject *list, PyObject *item) {
    if (PyList_Append(list, item) < 0)
        return -1;
    Py_DECREF(item);
    return 0;
}

/* Its caller's exploration does not enter it again. Under a small budget
   tally's own exploration is cut short, and count's completes, with
   nothing known of what tally does with `item`. */
int count(PyObject *list, PyObject *item) {
    return tally(list, item, 4);
}

/* Steals `item`, after a loop whose passes branch. */
int tally(PyObject *list, PyObject *item, int n) {
    int score = 0;
    for (int i = 0; i < n; i++) {
        if (flag(i))
            score += i;
        else if (flag(-i))
            score -= i;
    }
    if (score > 0) {
        Py_DECREF(item);
        return 0;
    }
    int r = PyList_Append(list, item);
    Py_DECREF(item);
    return r;
}
