"""make-db-repo.py DIR PYTHON-INCLUDE: a repository whose C file only
parses with the flags of a compile database that git does not track.

  1 add ext.c and include/config.h        [clean]
  2 README
  3 ext.c leaks in get()                  [leak]
  4 move ext.c to lib/ext.c               [moved]
  5 README                                [head]

Then, untracked: build/compile_commands.json listing lib/ext.c with
-DFROM_DB and -I<repo>/include, and a copy at the top; and an uncommitted
include/config.h that does not compile, so that a database not mapped onto
the temporary worktree (still pointing at the user's checkout) fails.
"""
import json
import os
import subprocess
import sys

repo, pyinc = sys.argv[1], sys.argv[2]
os.makedirs(os.path.join(repo, "include"))
env = dict(os.environ,
           GIT_AUTHOR_NAME="Ada Author", GIT_AUTHOR_EMAIL="ada@example.org",
           GIT_COMMITTER_NAME="Ada Author",
           GIT_COMMITTER_EMAIL="ada@example.org",
           GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)


def git(*args):
    subprocess.run(["git", "-C", repo] + list(args), env=env, check=True,
                   stdout=subprocess.DEVNULL)


def write(path, text):
    with open(os.path.join(repo, path), "w") as f:
        f.write(text)


def commit(msg, tag=None):
    git("add", "-A")
    git("commit", "-q", "-m", msg)
    if tag:
        git("tag", tag)


SRC = """#ifndef FROM_DB
#error compiled without the compile database
#endif
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "config.h"

static PyObject *
get(PyObject *self, PyObject *arg)
{
    PyObject *r = PyLong_FromLong(LIMIT);
    if (r == NULL)
        return NULL;
%s    return r;
}
"""
git("init", "-q", "-b", "main")
write("include/config.h", "#define LIMIT 10\n")
write("ext.c", SRC % "")
commit("Add ext.c", "clean")
write("README", "x\n")
commit("README")
write("ext.c", SRC % "    if (PyObject_IsTrue(arg) < 0)\n        return NULL;\n")
commit("get: check the argument", "leak")
os.makedirs(os.path.join(repo, "lib"))
git("mv", "ext.c", "lib/ext.c")
commit("Move ext.c to lib/", "moved")
write("README", "y\n")
commit("README again", "head")

os.makedirs(os.path.join(repo, "build"))
db = [{"directory": os.path.join(repo, "build"),
       "file": "../lib/ext.c",
       "arguments": ["cc", "-DFROM_DB", "-I" + os.path.join(repo, "include"),
                     "-I", pyinc, "-c", "../lib/ext.c", "-o", "ext.o"]}]
with open(os.path.join(repo, "build", "compile_commands.json"), "w") as f:
    json.dump(db, f)
with open(os.path.join(repo, "compile_commands.json"), "w") as f:
    json.dump(db, f)
write("include/config.h", "#error the user's uncommitted copy\n")
