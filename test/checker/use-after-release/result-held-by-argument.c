// PyFrame_GetCode returns a new reference to the code the frame keeps:
// releasing it at once leaves the code alive, borrowed from the frame
// (coverage.py's MyFrame_BorrowCode, after memray). Releasing it twice
// releases a reference the code does not own, and not releasing it at all
// still leaks. The frame PyThreadState_GetFrame returns is kept by the
// thread state while it runs, the same way (greenlet saves it so).
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>

static inline PyCodeObject *
borrow_code(PyFrameObject *frame)
{
    PyCodeObject *code = PyFrame_GetCode(frame);
    Py_DECREF(code);
    return code;
}

static int
first_line(PyFrameObject *frame)
{
    return borrow_code(frame)->co_firstlineno;
}

static PyObject *
file_name(PyFrameObject *frame)
{
    PyObject *name = borrow_code(frame)->co_filename;
    Py_INCREF(name);
    return name;
}

static int
first_line_released_twice(PyFrameObject *frame)
{
    PyCodeObject *code = borrow_code(frame);
    int line = code->co_firstlineno;
    Py_DECREF(code); // expected-warning {{Reference released twice: the one left belongs to another holder (a container, the lender) [refcheck.over-release]}}
    return line;
}

static int
first_line_leaky(PyFrameObject *frame)
{
    PyCodeObject *code = PyFrame_GetCode(frame);
    return code->co_firstlineno; // expected-warning {{New reference from 'PyFrame_GetCode' (held in 'code') is leaked [refcheck.ref-leak]}}
}

static PyFrameObject *
current_frame(PyThreadState *tstate)
{
    PyFrameObject *frame = PyThreadState_GetFrame(tstate);
    Py_XDECREF(frame);
    return frame;
}

static int
current_line(PyThreadState *tstate)
{
    PyFrameObject *frame = current_frame(tstate);
    return frame ? PyFrame_GetLineNumber(frame) : -1;
}
