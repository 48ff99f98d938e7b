/* A project header's inline accessor (as CPython's pycore_frame.h has
   _PyFrame_StackPeek): it reads a slot of the frame's stack and takes no
   reference. Variadic, so the analyzer does not inline it. */
typedef struct {
    int top;
    PyObject *stack[8];
} frame;

static inline PyObject *
frame_peek(frame *f, ...)
{
    return f->stack[f->top - 1];
}

/* Its twin pops: the slot's reference goes to the caller with it (as
   CPython's _PyFrame_StackPop). The index it reads through is moved. */
static inline PyObject *
frame_pop(frame *f, ...)
{
    f->top--;
    return f->stack[f->top];
}
