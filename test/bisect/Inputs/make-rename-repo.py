"""make-rename-repo.py DIR [--rename-variable]: a throwaway git repository
whose function is renamed after its leak was introduced.

History (oldest first; tags in brackets):

   1 README                                          [start]
   2 add mod.c: import_init(), clean                 [clean]
   3 import_init() leaks the list on an error path   [leak]
   4 README edit
   5 rename import_init() -> initimport()            [rename]
     (with --rename-variable, its variable 'list' becomes 'items' too, so
     the finding's message changes and it cannot be followed)
   6 README edit                                     [head]
"""
import sys

from throwaway_repo import Repo

r = Repo(sys.argv[1])
git, write, commit = r.git, r.write, r.commit
rename_variable = "--rename-variable" in sys.argv


def module(name, var, leaky):
    fill = ("    if (PyList_Append(%s, Py_None) < 0)\n"
            "        return NULL;\n" % var) if leaky else (
            "    if (PyList_Append(%s, Py_None) < 0) {\n"
            "        Py_DECREF(%s);\n"
            "        return NULL;\n"
            "    }\n" % (var, var))
    return ("#include <Python.h>\n\n"
            "PyObject *\n%s(void)\n{\n"
            "    PyObject *%s = PyList_New(0);\n"
            "    if (%s == NULL)\n"
            "        return NULL;\n"
            "%s"
            "    return %s;\n}\n" % (name, var, var, fill, var))


git("init", "-q", "-b", "main")
write("README", "rename test\n")
commit("Start", "start")
write("mod.c", module("import_init", "list", leaky=False))
commit("Add import_init", "clean")
write("mod.c", module("import_init", "list", leaky=True))
commit("import_init: fill the list", "leak")
write("README", "rename test, edited\n")
commit("README edit")
write("mod.c", module("initimport", "items" if rename_variable else "list",
                      leaky=True))
commit("Rename import_init to initimport", "rename")
write("README", "rename test, edited twice\n")
commit("README edit again", "head")
