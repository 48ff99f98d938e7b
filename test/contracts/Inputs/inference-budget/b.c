#include <Python.h>

extern int flag(int i);

/* Steals `item`: it hands the reference to the list, or drops it. Its
   paths branch at each of the loop's passes: an exploration of some size. */
int put_item(PyObject *list, PyObject *item, int n) {
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
