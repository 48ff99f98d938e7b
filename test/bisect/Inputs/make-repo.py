"""make-repo.py DIR: builds a throwaway git repository for the bisect tests.

History (oldest first; tags in brackets):

   1 README                                   [start]
   2 add mod.c: a clean extension              [clean]
   3 mod.c: helper() that leaks (an older, unrelated finding)
   4 mod.c: broken (does not parse)            [broken1]
   5 mod.c: fixed again
   6 side branch off 5: add other.c            (merged at 10)
   7 rename mod.c -> src/ext.c                 [renamed1]
   8 README edit
   9 compute() leaks on its error path         [leak]
  10 merge of the side branch                  [merge]
  11 src/ext.c: broken again                   [broken2]
  12 src/ext.c: fixed, another function added
  13 rename src/ext.c -> src/extension.c       [renamed2]
  14 README edit                               [head]

Dates are fixed so that the shas are the same on every run.
"""
import os
import sys

from throwaway_repo import Repo

r = Repo(sys.argv[1])
git, write, commit = r.git, r.write, r.commit


HEADER = "#define PY_SSIZE_T_CLEAN\n#include <Python.h>\n\n"
COMPUTE_CLEAN = """static PyObject *
compute(PyObject *self, PyObject *arg)
{
    PyObject *n = PyNumber_Add(arg, arg);
    if (n == NULL)
        return NULL;
    return n;
}
"""
COMPUTE_LEAKY = """static PyObject *
compute(PyObject *self, PyObject *arg)
{
    PyObject *n = PyNumber_Add(arg, arg);
    if (n == NULL)
        return NULL;
    PyObject *s = PyObject_Str(n);
    if (s == NULL)
        return NULL;
    Py_DECREF(s);
    return n;
}
"""
HELPER = """
static void
helper(PyObject *stream)
{
    PyObject_CallMethod(stream, "flush", NULL);
}
"""
EXTRA = """
static PyObject *
twice(PyObject *self, PyObject *arg)
{
    return PyNumber_Multiply(arg, arg);
}
"""
BROKEN = "\nstatic int broken(void) { return }\n"

git("init", "-q", "-b", "main")
write("README", "A module.\n")
commit("Start", "start")
write("mod.c", HEADER + COMPUTE_CLEAN)
commit("Add mod.c", "clean")
write("mod.c", HEADER + COMPUTE_CLEAN + HELPER)
commit("Add helper()")
write("mod.c", HEADER + COMPUTE_CLEAN + HELPER + BROKEN)
commit("Work in progress (does not compile)", "broken1")
write("mod.c", HEADER + COMPUTE_CLEAN + HELPER)
commit("Fix the build")
git("checkout", "-q", "-b", "side")
write("other.c", "int other;\n")
commit("Side branch: add other.c")
git("checkout", "-q", "main")
os.makedirs(os.path.join(r.path, "src"))
git("mv", "mod.c", "src/ext.c")
commit("Move mod.c to src/ext.c", "renamed1")
write("README", "A module, in src/.\n")
commit("Update README")
write("src/ext.c", HEADER + COMPUTE_LEAKY + HELPER)
commit("compute: check the result converts to str", "leak")
git("merge", "-q", "--no-ff", "-m", "Merge branch 'side'", "side")
git("tag", "merge")
write("src/ext.c", HEADER + COMPUTE_LEAKY + HELPER + BROKEN)
commit("More work in progress", "broken2")
write("src/ext.c", HEADER + COMPUTE_LEAKY + HELPER + EXTRA)
commit("Add twice()")
git("mv", "src/ext.c", "src/extension.c")
commit("Rename src/ext.c to src/extension.c", "renamed2")
write("README", "A module, in src/extension.c.\n")
commit("README: say where the code is", "head")
