// A module built as one unit from .c files #included into its main file
// (guppy3's heapyc.c includes hv.c, classifier.c and others): the included
// files' functions are the module's code, analysed as the main file's are,
// while the headers' functions are not. The leak in the included part is
// reported; its clean twin stays silent.
//
// RUN: refcheck %s -- -Xclang -verify
#include <Python.h>
#include "Inputs/included-part.c"

static PyMethodDef methods[] = {
    {"leaky", part_leaky, METH_O, NULL},
    {"clean", part_clean, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
