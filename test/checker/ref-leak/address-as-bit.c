// A set that keeps objects as bits of their addresses (guppy3's node sets:
// `NyMutBitSet_setbit(bits, (NyBit)obj / ALIGN)`, then `Py_INCREF(obj)`)
// holds a reference refcheck cannot follow: once the object's address has
// become an integer, taking or releasing a reference on it is not judged,
// also when the object is a parameter the function was lent. A function
// that takes a reference without turning the address into anything is
// still reported.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
#include <stdint.h>

typedef struct BitSet BitSet;
int bitset_set(BitSet *bits, uintptr_t bit);
int bitset_clear(BitSet *bits, uintptr_t bit);

#define ALIGN sizeof(void *)

static uintptr_t
bit_of(PyObject *obj)
{
    return (uintptr_t)obj / ALIGN;
}

int
set_add(BitSet *bits, PyObject *obj)
{
    int r = bitset_set(bits, bit_of(obj));
    if (r < 0)
        return -1;
    if (r == 0)
        Py_INCREF(obj);
    return r;
}

int
set_discard(BitSet *bits, PyObject *obj)
{
    int r = bitset_clear(bits, bit_of(obj));
    if (r < 0)
        return -1;
    if (r == 1)
        Py_DECREF(obj);
    return r;
}

int
set_add_first(BitSet *bits, PyObject *obj)
{
    int r = bitset_set(bits, 0);
    if (r < 0)
        return -1;
    Py_INCREF(obj);
    return r; // expected-warning {{Reference taken with 'Py_INCREF' (held in 'obj') is leaked}}
}
