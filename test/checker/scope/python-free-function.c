// A function that holds no Python object, calls no C API and calls nothing
// refcheck cannot see into has nothing to report: it is not explored. Such
// functions were a tenth of pygit2's analysis time (wildmatch.c's matcher
// loops), spent on paths no check looks at.
//
// The hidden test hook REFCHECK_TEST_EXPLORATION says which functions were
// skipped. A function that reaches Python through a helper of this file is
// explored, and the helper's leak is still reported from it.
//
// RUN: env REFCHECK_TEST_EXPLORATION=1 refcheck %s --no-cache -- -Xclang -verify 2>&1 | FileCheck %s
// CHECK-DAG: refcheck: skipped count_stars: no Python object
// CHECK-DAG: refcheck: skipped match: no Python object
// CHECK-DAG: refcheck: explored calls_leaky_helper: complete
// CHECK-DAG: refcheck: explored calls_project_function: complete
// CHECK-DAG: refcheck: explored calls_through_pointer: complete
// CHECK-DAG: refcheck: explored clears_exception: complete
// CHECK-NOT: refcheck: skipped {{calls_|clears_|leaky_}}
#include <Python.h>
#include <string.h>

static int count_stars(const char *p)
{
    int n = 0;
    for (; *p; p++)
        if (*p == '*')
            n++;
    return n;
}

int match(const char *pattern, const char *text)
{
    if (count_stars(pattern) == 0)
        return strcmp(pattern, text) == 0;
    while (*text)
        if (match(pattern + 1, text++))
            return 1;
    return 0;
}

static void leaky_helper(void)
{
    PyObject *list = PyList_New(0);
    (void)list;
} // expected-warning {{New reference from 'PyList_New' (held in 'list') is leaked}}

int calls_leaky_helper(int n)
{
    if (n > 0)
        leaky_helper();
    return n;
}

// Defined in another file of the project: its contract may raise or
// release, so this function is explored.
int project_function(int);

int calls_project_function(int n)
{
    return project_function(n) + 1;
}

int calls_through_pointer(int (*cb)(int), int n)
{
    return cb(n);
}

void clears_exception(void)
{
    PyErr_Clear();
}
