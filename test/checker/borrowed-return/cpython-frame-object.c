// CPython's internal _PyFrame_MakeAndSetFrameObject (Python/frame.c) makes
// the frame object of an interpreter frame and stores it in the frame's
// frame_obj: the caller gets a borrowed reference, as from the frame_obj
// read in pycore_frame.h's _PyFrame_GetFrameObject. When Objects/ is
// analysed without Python/, no contract is inferred for it, so the model
// has its row. Taking a new reference to hand it out is right; handing it
// out without one is reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

/* Python/frame.c's object; its struct is only in the internal headers. */
struct _frame {
    PyObject_HEAD
    void *f_frame;
};
typedef struct _frame PyFrameObject;
typedef struct {
    PyFrameObject *frame_obj;
} interp_frame;

PyFrameObject *_PyFrame_MakeAndSetFrameObject(interp_frame *frame);

/* The shape of pycore_frame.h's getter. */
static inline PyFrameObject *
get_frame_object(interp_frame *frame)
{
    PyFrameObject *res = frame->frame_obj;
    if (res != NULL) {
        return res;
    }
    return _PyFrame_MakeAndSetFrameObject(frame);
}

/* genobject.c's gen_getframe: a new reference to the borrowed frame. */
PyObject *
getframe(interp_frame *frame)
{
    return Py_XNewRef((PyObject *)get_frame_object(frame));
}

/* Returns it with no reference of its own: reported. */
PyObject *
getframe_borrowed(interp_frame *frame)
{
    return (PyObject *)_PyFrame_MakeAndSetFrameObject(frame); // expected-warning {{Returning a borrowed reference from '_PyFrame_MakeAndSetFrameObject' where a new reference is owed}}
}
