"""Helper for `refcheck confirm`; runs inside the interpreter under test.

Standard library only. Three commands, each writing one JSON document to
--out (the tests' own output goes to stdout/stderr, which refcheck keeps
apart):

  probe                       what this interpreter can measure
  index --entry NAME... DIR   which test methods reach each Python name
  measure --runs S:R ID...    the stabilize-and-measure loop on test ids
                              (--each: on each id in turn, as JSON lines)
"""
import argparse
import ast
import builtins
import gc
import json
import os
import re
import sys


def add_paths(paths):
    """Puts the tests' import roots first on sys.path, except a standard
    library (a CPython tree's Lib/, which holds os.py): that goes last, so
    the interpreter's own standard library and its compiled parts stay in
    charge (the tree's sysconfig would look for data this interpreter does
    not have)."""
    for p in reversed(paths):
        if os.path.isfile(os.path.join(p, "os.py")):
            sys.path.append(p)
        else:
            sys.path.insert(0, p)


def write(path, doc):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, sort_keys=True)


# ---------------------------------------------------------------- probe

def cmd_probe(args):
    import importlib.util
    try:
        regrtest = importlib.util.find_spec("test.libregrtest") is not None
    except (ImportError, ValueError):
        regrtest = False
    write(args.out, {
        "version": list(sys.version_info[:3]),
        "executable": sys.executable,
        "debug": hasattr(sys, "gettotalrefcount"),
        "regrtest": regrtest,
        "pytest": importlib.util.find_spec("pytest") is not None,
    })


# ---------------------------------------------------------------- index

# Calls that import a module by name and return it, as test suites spell
# them: importlib.import_module('m'), import_helper.import_module('m'),
# support.import_fresh_module('m'), ...
IMPORTERS = {"import_module", "import_fresh_module", "__import__"}


def import_root(folder):
    """(sys.path entry, dotted package prefix) for modules in folder."""
    folder = os.path.abspath(folder)
    parts = []
    while os.path.exists(os.path.join(folder, "__init__.py")):
        parent, name = os.path.split(folder)
        parts.insert(0, name)
        folder = parent
    return folder, ".".join(parts)


class Module:
    """Names one source file binds and the names its functions use."""

    def __init__(self, path, dotted, tree):
        self.path = path
        self.dotted = dotted
        self.tree = tree
        self.aliases = {}     # local name -> dotted name
        self.functions = {}   # qualified name -> (refs, attrs)
        self.tests = []       # (test id, kind, qualified name)
        self.is_package = os.path.basename(path) == "__init__.py"

    def absolute(self, module, level):
        if not level:
            return module or ""
        base = self.dotted.split(".")
        if not self.is_package:
            base = base[:-1]
        if level > 1:
            base = base[:len(base) - (level - 1)]
        return ".".join([p for p in base if p] + ([module] if module else []))

    def bind_imports(self, body, aliases):
        for node in body:
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.asname:
                        aliases[a.asname] = a.name
                    else:
                        top = a.name.split(".")[0]
                        aliases[top] = top
            elif isinstance(node, ast.ImportFrom):
                mod = self.absolute(node.module, node.level)
                for a in node.names:
                    if a.name != "*":
                        aliases[a.asname or a.name] = (
                            mod + "." + a.name if mod else a.name)
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 \
                    and isinstance(node.targets[0], ast.Name):
                name = imported_name(node.value)
                if name:
                    aliases[node.targets[0].id] = name
            elif isinstance(node, (ast.If, ast.Try)):
                self.bind_imports(node.body, aliases)
                for h in getattr(node, "handlers", []):
                    self.bind_imports(h.body, aliases)
                self.bind_imports(node.orelse, aliases)

    def resolve(self, node, aliases, cls):
        if isinstance(node, ast.Name):
            if node.id in aliases:
                return aliases[node.id]
            if hasattr(builtins, node.id):
                return "builtins." + node.id
            return None
        if isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and node.value.id == "self" \
                    and cls is not None:
                return cls + "." + node.attr
            base = self.resolve(node.value, aliases, cls)
            return base + "." + node.attr if base else None
        if isinstance(node, ast.Call):
            return imported_name(node)
        return None

    def uses(self, func, aliases, cls):
        # One walk: collect first, resolve after the function's own imports
        # are bound (an import anywhere in the body counts).
        local = dict(aliases)
        names, calls = [], []
        for node in ast.walk(func):
            t = type(node)
            if t is ast.Attribute:
                names.append(node)
            elif t is ast.Name:
                names.append(node)
            elif t is ast.Call:
                calls.append(node)
            elif t is ast.Import or t is ast.ImportFrom or t is ast.Assign:
                self.bind_imports([node], local)
        refs, attrs = set(), set()
        inner = set()
        for node in names:
            if type(node) is ast.Attribute:
                attrs.add(node.attr)
                inner.add(id(node.value))
        for node in names:
            # a.b.c: resolving the outermost node covers a and a.b too.
            if id(node) in inner:
                continue
            r = self.resolve(node, local, cls)
            while r:
                refs.add(r)
                r = r.rpartition(".")[0]
        for node in calls:
            r = imported_name(node)
            if r:
                refs.add(r)
        return refs, attrs

    def scan(self, is_test_file):
        self.bind_imports(self.tree.body, self.aliases)
        uses_unittest = any(v.split(".")[0] == "unittest"
                            for v in self.aliases.values())
        classes = {}
        for node in self.tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                q = self.dotted + "." + node.name
                self.functions[q] = Uses(*self.uses(node, self.aliases, None))
                if is_test_file and node.name.startswith("test"):
                    self.tests.append((self.path + "::" + node.name,
                                       "pytest", q))
            elif isinstance(node, ast.ClassDef):
                cq = self.dotted + "." + node.name
                classes[node.name] = node
                for item in node.body:
                    if isinstance(item, (ast.FunctionDef,
                                         ast.AsyncFunctionDef)):
                        q = cq + "." + item.name
                        self.functions[q] = Uses(
                            *self.uses(item, self.aliases, cq))
        if not is_test_file:
            return
        for name, node in classes.items():
            if uses_unittest and not node.bases:
                continue  # a mixin: its tests run through subclasses
            for method, q in self.test_methods(node, classes, set()):
                if uses_unittest:
                    self.tests.append((self.dotted + "." + name + "." +
                                       method, "unittest", q))
                else:
                    self.tests.append((self.path + "::" + name + "::" +
                                       method, "pytest", q))

    def test_methods(self, node, classes, seen):
        """(method name, qualified name of its definition) of the test
        methods of a class, with those of its bases in this module."""
        seen.add(node.name)
        found = {}
        for base in reversed(node.bases):
            if isinstance(base, ast.Name) and base.id in classes \
                    and base.id not in seen:
                for method, q in self.test_methods(classes[base.id],
                                                   classes, seen):
                    found[method] = q
        for item in node.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                    and item.name.startswith("test"):
                found[item.name] = self.dotted + "." + node.name + "." + \
                    item.name
        return sorted(found.items())


def imported_name(call):
    """'m' for import_module('m')-style calls, else None."""
    if not isinstance(call, ast.Call) or not call.args:
        return None
    f = call.func
    name = f.attr if isinstance(f, ast.Attribute) else \
        f.id if isinstance(f, ast.Name) else None
    first = call.args[0]
    if name in IMPORTERS and isinstance(first, ast.Constant) \
            and isinstance(first.value, str):
        return first.value
    return None


def is_test_file(name):
    return (name.startswith("test_") or name.endswith("_test.py")) \
        and name.endswith(".py")


def source_files(folders):
    """(path, sys.path root, dotted module name) of every .py file."""
    for folder in folders:
        root, prefix = import_root(folder)
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames
                                 if not d.startswith(".") and
                                 d != "__pycache__")
            for name in sorted(filenames):
                if not name.endswith(".py"):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)[:-3].split(os.sep)
                if rel[-1] == "__init__":
                    rel = rel[:-1]
                yield path, root, ".".join(rel)


class Summary:
    """What the index keeps of a parsed module (and caches on disk)."""

    def __init__(self, path, root, functions, tests):
        self.path, self.root = path, root
        self.functions, self.tests = functions, tests


CACHE_VERSION = 2  # 2: per-test recording budget (1 cut long files short)


def cache_file(path):
    base = os.environ.get("XDG_CACHE_HOME") or \
        os.path.join(os.path.expanduser("~"), ".cache")
    import hashlib
    key = "%s|%d.%d|%d" % (os.path.abspath(path), sys.version_info[0],
                           sys.version_info[1], CACHE_VERSION)
    return os.path.join(base, "refcheck", "test-index",
                        hashlib.sha256(key.encode()).hexdigest()[:24] +
                        ".json")


def parse_module(path, root, dotted):
    """Parses one file, or reads its summary from the cache when the file
    has not changed (parsing the whole CPython suite under a debug build
    takes minutes)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    stamp = [st.st_mtime_ns, st.st_size, dotted]
    cached = cache_file(path)
    try:
        with open(cached, encoding="utf-8") as f:
            doc = json.load(f)
        if doc["stamp"] == stamp:
            functions = {}
            for q, (suffixes, runs, attrs) in doc["functions"].items():
                u = Uses((), ())
                u.suffixes, u.runs, u.attrs = set(suffixes), set(runs), \
                    set(attrs)
                functions[q] = u
            return Summary(path, root, functions,
                           [tuple(t) for t in doc["tests"]])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    try:
        with open(path, "rb") as f:
            tree = ast.parse(f.read(), path)
    except (SyntaxError, ValueError, OSError):
        return None
    m = Module(path, dotted, tree)
    m.scan(is_test_file(os.path.basename(path)))
    try:
        os.makedirs(os.path.dirname(cached), exist_ok=True)
        tmp = cached + ".%d.tmp" % os.getpid()
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"stamp": stamp, "tests": m.tests,
                       "functions": {q: [sorted(u.suffixes), sorted(u.runs),
                                         sorted(u.attrs)]
                                     for q, u in m.functions.items()}}, f)
        os.replace(tmp, cached)
    except OSError:
        pass  # no cache: slower next time, same answer
    return Summary(path, root, m.functions, m.tests)


def needles(entry):
    """Words every file that uses entry directly must contain: its last two
    names (a slot counts as its type)."""
    parts = entry.split(".")
    if len(parts) > 1 and parts[-1].startswith("__") and \
            parts[-1].endswith("__"):
        parts = parts[:-1]
    return parts[-2:]


def load_modules(folders, entries):
    """Parses only files that can matter: those naming an entry, then those
    naming a helper that uses one (the one level of indirection)."""
    files = list(source_files(folders))
    texts = {}
    for path, _, _ in files:
        try:
            with open(path, "rb") as f:
                texts[path] = f.read()
        except OSError:
            texts[path] = b""
    modules, parsed = [], set()

    def parse_where(word_sets):
        word_sets = [[w.encode() for w in ws] for ws in word_sets]
        for path, root, dotted in files:
            if path in parsed or not any(all(w in texts[path] for w in ws)
                                         for ws in word_sets):
                continue
            parsed.add(path)
            m = parse_module(path, root, dotted)
            if m is not None:
                modules.append(m)
    parse_where([needles(e) for e in entries])
    helpers = set()
    for m in modules:
        tests = {q for _, _, q in m.tests}
        for q, uses in m.functions.items():
            if q not in tests and any(matches(e, uses) for e in entries):
                helpers.add(q.rsplit(".", 1)[1])
    parse_where([[h] for h in helpers])
    return modules


class Uses:
    """What one function uses, prepared for fast matching: every dotted
    suffix of every name it refers to, and every contiguous run of
    components (for module names)."""
    __slots__ = ("suffixes", "runs", "attrs")

    def __init__(self, refs, attrs):
        self.suffixes, self.runs = set(), set()
        for r in refs:
            parts = r.split(".")
            for i in range(len(parts)):
                self.suffixes.add(".".join(parts[i:]))
                for j in range(i + 1, len(parts) + 1):
                    self.runs.add(".".join(parts[i:j]))
        self.attrs = set(attrs)

    def merge(self, other):
        self.suffixes |= other.suffixes
        self.runs |= other.runs
        self.attrs |= other.attrs


def matches(entry, uses):
    """Does a function with these uses reach the Python name entry?"""
    if "." not in entry:  # a module: `import m`, `m.x`
        return entry in uses.runs
    if entry in uses.suffixes:
        return True
    parent, last = entry.rsplit(".", 1)
    if last.startswith("__") and last.endswith("__"):
        return parent in uses.suffixes  # slots: using the type reaches them
    # module.Type.method: the type, and then .method on something.
    return "." in parent and parent in uses.suffixes and last in uses.attrs


def static_index(dirs, entries):
    """The name-based index: entry -> tests whose source names it, and the
    test files parsed (with their tests)."""
    entries = sorted(set(entries))
    modules = load_modules(dirs, entries)
    helpers = {}
    for m in modules:
        helpers.update(m.functions)
    result = {e: [] for e in entries}
    files = {}
    for m in modules:
        seen = set()
        for test_id, kind, q in m.tests:
            if test_id in seen:
                continue
            seen.add(test_id)
            files.setdefault(m.path, {"root": m.root, "tests": []})
            files[m.path]["tests"].append(test_id)
            uses = helpers[q]
            # One level of indirection through helpers: a test calling a
            # wrapper uses what the wrapper uses.
            wrapped = [helpers[r] for r in uses.suffixes
                       if r in helpers and r != q]
            if wrapped:
                merged = Uses((), ())
                merged.merge(uses)
                for h in wrapped:
                    merged.merge(h)
                uses = merged
            for e in entries:
                if matches(e, uses):
                    result[e].append({"id": test_id, "kind": kind,
                                      "root": m.root, "file": m.path})
    roots = sorted({import_root(d)[0] for d in dirs})
    return {"entries": result, "files": files, "roots": roots,
            "modules_indexed": len(modules)}


def cmd_index(args):
    write(args.out, static_index(args.dirs, args.entry))


# ---------------------------------------------------------------- record

# What a test reaches, recorded by running it under a profiler. Three
# kinds of evidence, from the most precise to the least:
#   call  the profiler's c_call event named the C function (a module
#         function, or a method of a C type): the test called it;
#   slot  a builtin that dispatches to a type slot (repr() -> tp_repr,
#         len() -> sq_length/mp_length, ...) was called while an instance
#         of the C type was a local of the calling frame (or an attribute
#         of one);
#   type  an instance of the C type was seen during the test (a local of
#         a returning Python frame or one of its attributes, a return
#         value, the self of a method call): its slots, getters and
#         deallocation may have run.
# The name-based index (static_index) is the fourth, "static".
TIERS = {"call": 3, "slot": 2, "type": 1, "static": 0}

# builtins.NAME -> the slot entry names it may reach.
SLOT_BUILTINS = {
    "repr": ("__repr__",), "ascii": ("__repr__",), "print": ("__str__",
                                                             "__repr__"),
    "format": ("__format__", "__str__"), "len": ("__len__",),
    "iter": ("__iter__",), "next": ("__next__",), "hash": ("__hash__",),
    "abs": ("__abs__",), "divmod": ("__divmod__",), "pow": ("__pow__",),
    "round": ("__round__",), "getattr": ("__getattribute__",),
    "hasattr": ("__getattribute__",), "setattr": ("__setattr__",),
    "delattr": ("__setattr__",), "sorted": ("__iter__", "__next__", "__eq__"),
    "min": ("__iter__", "__next__", "__eq__"), "max": ("__iter__",
                                                      "__next__", "__eq__"),
    "sum": ("__iter__", "__next__", "__add__"), "any": ("__iter__",
                                                       "__next__"),
    "all": ("__iter__", "__next__"), "callable": ("__call__",),
    "dir": ("__dir__",), "isinstance": ("__instancecheck__",),
}

HEAPTYPE = 1 << 9


class Recorder:
    """The profiler: collects, per test, the C-level names it reaches."""

    def __init__(self):
        import types
        self.module_type = types.ModuleType
        self.calls = self.slots = self.types = None
        self.ctypes = {}    # type -> "module.Type" of its C part, or ""
        self.names = {}     # (owner, name) -> "module.Type.name" or ""
        self.ext_modules = {}
        self.adopted = {}   # C type with a dot-free tp_name -> its name
        self.scanned = set()  # extension modules adopt() has looked at
        self.own = set()    # code objects of this file: not recorded
        for v in list(globals().values()) + list(vars(Recorder).values()):
            code = getattr(v, "__code__", None)
            if code is not None:
                self.own.add(code)

    def is_c_module(self, name):
        r = self.ext_modules.get(name)
        if r is None:
            mod = sys.modules.get(name)
            f = getattr(mod, "__file__", None) or ""
            if mod is None:
                r = False
            elif not f:
                r = name in sys.builtin_module_names
            else:
                import importlib.machinery
                r = f.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
            self.ext_modules[name] = r
        return r

    def adopt_unqualified_types(self):
        """An extension type whose tp_name has no dot ("client") reports
        its module as builtins, like the core types. refcheck names it
        builtins.client (lib/EntryPoints): the types such modules export
        are the project's, so they are recorded under that name."""
        new = False
        for name, mod in list(sys.modules.items()):
            if name in self.scanned or mod is None:
                continue
            self.scanned.add(name)
            if name in sys.builtin_module_names or \
                    not self.is_c_module(name):
                continue
            for v in list(vars(mod).values()):
                if isinstance(v, type) and v.__module__ == "builtins" and \
                        getattr(builtins, v.__name__, None) is not v:
                    self.adopted[v] = "builtins." + v.__qualname__
                    new = True
        if new:
            # Names worked out before the adoption are stale.
            self.ctypes.clear()
            self.names.clear()

    def ctype(self, t):
        """'module.Type' of the first C type in t's MRO below object."""
        r = self.ctypes.get(t)
        if r is None:
            r = ""
            for c in t.__mro__:
                if c is object:
                    break
                if c in self.adopted:
                    r = self.adopted[c]
                    break
                mod = getattr(c, "__module__", None)
                if not isinstance(mod, str):
                    continue
                if mod == "builtins":
                    break  # the core types: everywhere, not the project's
                if not (c.__flags__ & HEAPTYPE) or self.is_c_module(mod):
                    r = mod + "." + c.__qualname__
                    break
            self.ctypes[t] = r
        return r

    def start(self, calls, slots, types):
        self.calls, self.slots, self.types = calls, slots, types

    def stop(self):
        self.calls = self.slots = self.types = None

    def see(self, v):
        """Notes v's C type (and, one level down, the C types of the
        attributes of a Python instance)."""
        t = type(v)
        ct = self.ctype_of(v)
        if ct:
            self.types.add(ct)
            return (ct,)
        d = getattr(v, "__dict__", None) if t.__flags__ & HEAPTYPE else None
        if type(d) is not dict or isinstance(v, (type, self.module_type)) \
                or len(d) > 64:
            return ()
        found = [ca for ca in map(self.ctype_of, d.values()) if ca]
        self.types.update(found)
        return found

    def ctype_of(self, v):
        t = type(v)
        r = self.ctypes.get(t)
        return self.ctype(t) if r is None else r

    def profile(self, frame, event, arg):
        calls = self.calls
        if calls is None:
            return
        if event == "c_call":
            s = getattr(arg, "__self__", None)
            if isinstance(s, self.module_type):
                name = s.__name__ + "." + arg.__name__
                calls.add(name)
                slot_names = SLOT_BUILTINS.get(arg.__name__) \
                    if s.__name__ == "builtins" else None
                if slot_names and frame.f_code.co_flags & 1:  # optimized
                    for v in frame.f_locals.values():
                        for ct in self.see(v):
                            for sl in slot_names:
                                self.slots.add(ct + "." + sl)
                return
            if s is None:
                return
            key = (s if isinstance(s, type) else type(s), arg.__name__)
            name = self.names.get(key)
            if name is None:
                name = ""
                for c in key[0].__mro__:
                    if key[1] in c.__dict__:
                        ct = self.ctype(c)
                        if ct and ct.rpartition(".")[2] == c.__qualname__:
                            name = ct + "." + key[1]
                        break
                self.names[key] = name
            if name:
                calls.add(name)
                self.types.add(name.rpartition(".")[0])
        elif event == "return":
            if frame.f_code in self.own:
                return
            if arg is not None:
                self.see(arg)
            if frame.f_code.co_flags & 1:
                for v in frame.f_locals.values():
                    if v is not None:
                        self.see(v)


def emit(out, doc):
    out.write(json.dumps(doc) + "\n")
    out.flush()


def cmd_record_file(args):
    """Runs one test file's tests one after the other under the profiler,
    writing one JSON line per test to --out: {"start": id} before it and
    its names after it (a crash leaves a start without its end)."""
    import faulthandler
    import tempfile
    import threading
    import time
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass
    add_paths(args.path)
    skip = set(args.skip)
    args.file = os.path.abspath(args.file)
    out = open(args.out, "a", encoding="utf-8")
    rec = Recorder()
    home = tempfile.mkdtemp(prefix="refcheck-record-")
    os.chdir(home)
    state = {}

    def begin(test_id):
        emit(out, {"start": test_id})
        if args.test_timeout:
            # A test that outlives it ends the process (exit status 1):
            # the parent notes it and records the rest in a new process.
            faulthandler.dump_traceback_later(args.test_timeout, exit=True,
                                              file=sys.__stderr__)
        state["t"] = time.perf_counter()
        state["sets"] = (set(), set(), set())
        rec.adopt_unqualified_types()
        rec.start(*state["sets"])

    def end(test_id, outcome):
        rec.stop()
        if args.test_timeout:
            faulthandler.cancel_dump_traceback_later()
        calls, slots, types = state["sets"]
        emit(out, {"id": test_id, "outcome": outcome,
                   "seconds": round(time.perf_counter() - state["t"], 4),
                   "calls": sorted(calls), "slots": sorted(slots),
                   "types": sorted(t for t in types if t)})

    sys.setprofile(rec.profile)
    threading.setprofile(rec.profile)
    if args.kind == "pytest":
        import pytest

        class Plugin:
            def pytest_collection_modifyitems(self, session, config, items):
                root = str(config.rootpath)
                items[:] = [i for i in items
                            if os.path.join(root, i.nodeid) not in skip]

            @pytest.hookimpl(hookwrapper=True)
            def pytest_runtest_protocol(self, item, nextitem):
                tid = os.path.join(str(item.config.rootpath), item.nodeid)
                begin(tid)
                yield
                end(tid, "ran")
        rc = pytest.main(["-q", "-p", "no:cacheprovider", "-p",
                          "no:randomly", args.file], plugins=[Plugin()])
        if rc not in (0, 1, 5):
            emit(out, {"error": "pytest could not run %s (exit status %d; "
                                "is the package importable?)" % (
                                    args.file, rc)})
    else:
        import unittest
        sys.setprofile(None)
        loader = unittest.TestLoader()
        try:
            suite = loader.loadTestsFromName(args.module)
        except Exception as e:  # the file cannot be imported
            emit(out, {"error": "cannot load %s: %s" % (
                args.module, str(e).splitlines()[0] if str(e) else
                type(e).__name__)})
            return

        def flat(s):
            for t in s:
                if isinstance(t, unittest.TestSuite):
                    yield from flat(t)
                else:
                    yield t
        tests = [t for t in flat(suite) if t.id() not in skip]
        for t in tests:
            if t.id().startswith("unittest.loader._Failed"):
                err = getattr(t, "_exception", None)
                lines = [ln for ln in str(err or t.id()).splitlines()
                         if ln.strip()]
                emit(out, {"error": "cannot load %s: %s" % (
                    args.module, lines[-1].strip() if lines else t.id())})
        tests = [t for t in tests
                 if not t.id().startswith("unittest.loader._Failed")]

        class Result(unittest.TestResult):
            def startTest(self, test):
                super().startTest(test)
                begin(test.id())

            def stopTest(self, test):
                end(test.id(), "ran")
                super().stopTest(test)
        sys.setprofile(rec.profile)
        unittest.TestSuite(tests).run(Result())
    sys.setprofile(None)
    threading.setprofile(None)
    os.chdir("/")
    import shutil
    shutil.rmtree(home, ignore_errors=True)


PYTEST_MARKERS = (("conftest.py", None), ("pytest.ini", None),
                  ("tox.ini", "[pytest]"), ("setup.cfg", "[tool:pytest]"),
                  ("pyproject.toml", "[tool.pytest"))


def uses_pytest(folder):
    """Does the project holding folder run its tests with pytest (a
    conftest.py or a pytest section in its configuration)?"""
    folder = os.path.abspath(folder)
    for _ in range(4):
        for name, section in PYTEST_MARKERS:
            p = os.path.join(folder, name)
            if not os.path.isfile(p):
                continue
            if section is None:
                return True
            try:
                with open(p, encoding="utf-8", errors="replace") as f:
                    if section in f.read():
                        return True
            except OSError:
                pass
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return False


def stamp_tree(folders, h, skip_tests=True):
    """Feeds the path, size and mtime of every Python file and extension
    binary under folders into the hash h."""
    import importlib.machinery
    exts = (".py",) + tuple(importlib.machinery.EXTENSION_SUFFIXES) + (
        ".so", ".pyd")
    count = 0
    for folder in sorted(set(os.path.abspath(f) for f in folders)):
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames
                                 if not d.startswith(".") and
                                 d != "__pycache__")
            for name in sorted(filenames):
                if not name.endswith(exts):
                    continue
                if skip_tests and is_test_file(name):
                    continue
                p = os.path.join(dirpath, name)
                try:
                    st = os.stat(p)
                except OSError:
                    continue
                h.update(("%s|%d|%d\n" % (p, st.st_size,
                                          st.st_mtime_ns)).encode())
                count += 1
    return count


def record_cache_dir():
    base = os.environ.get("XDG_CACHE_HOME") or \
        os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "refcheck", "call-index")


def record_one_file(path, root, dotted, kind, paths, timeout):
    """Records one test file in child processes, going on after a test
    that crashes or hangs: each test may take timeout seconds (a watchdog
    in the child ends it), however many the file holds. Returns (tests,
    problems)."""
    import subprocess
    import tempfile
    tests, problems, skip = {}, [], []
    for _ in range(20):
        fd, out = tempfile.mkstemp(prefix="refcheck-record-", suffix=".jsonl")
        os.close(fd)
        cmd = [sys.executable, "-B", os.path.abspath(__file__),
               "record-file", "--out", out, "--kind", kind,
               "--module", dotted, "--file", path]
        for p in paths:
            cmd += ["--path", p]
        for s in skip:
            cmd += ["--skip", s]
        if timeout:
            cmd += ["--test-timeout", str(timeout)]
        status = None
        # A backstop for a child stuck outside any test (importing,
        # collecting), where its watchdog is not armed.
        backstop = max(3600, 20 * timeout) if timeout else None
        rc = 0
        try:
            rc = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL,
                                timeout=backstop).returncode
            status = None if rc >= 0 else "crashed (signal %d)" % -rc
        except subprocess.TimeoutExpired:
            status = "timed out after %ds" % backstop
        started = None
        progress = False
        with open(out, encoding="utf-8") as f:
            for line in f:
                try:
                    d = json.loads(line)
                except ValueError:
                    continue
                if "error" in d:
                    problems.append(d["error"])
                elif "start" in d:
                    started = d["start"]
                else:
                    d["root"] = root
                    d["file"] = path
                    tests[d["id"]] = d
                    started = None
                    progress = True
        os.unlink(out)
        if status is None and started is not None:
            # A test began and the process ended without its end: the
            # watchdog (exit status 1), or the test ended the interpreter.
            status = "timed out after %ds" % timeout \
                if timeout and rc == 1 else "ended the process (exit " \
                "status %d)" % rc
        if status is None or started is None:
            if status:
                problems.append("%s: %s" % (path, status))
            break
        # The test that was running crashed or hung: note it, go on
        # with the rest of the file.
        problems.append("%s %s while recording" % (started, status))
        tests[started] = {"id": started, "outcome": status, "root": root,
                          "file": path, "seconds": 0, "calls": [],
                          "slots": [], "types": []}
        skip.append(started)
        skip.extend(t for t in tests if t not in skip)
        if not progress and started in skip[:-1]:
            break
    return tests, problems


def candidate_files(files, static, entries, limit):
    """Test files to record: all of them when there are at most limit;
    else those the name-based index found, and those named after a module
    of an entry (test_json* for _json)."""
    if len(files) <= limit:
        return files, "all %d test files" % len(files)
    # The files holding a test the index found reaching an entry; not every
    # file it parsed (a helper's name alone gets a file parsed).
    wanted = {s["file"] for found in static["entries"].values()
              for s in found}
    stems = set()
    for e in entries:
        top = e.split(".")[0].lstrip("_").lower()
        if top:
            stems.add("test_" + top)
    chosen = []
    for f in files:
        rel = f[0]
        parts = [p.lower() for p in rel.split(os.sep)]
        named = any(p.startswith(s) for p in parts[-2:] for s in stems)
        if f[0] in wanted or named:
            chosen.append(f)
    return chosen, "%d of %d test files (named by the index or after the " \
        "module)" % (len(chosen), len(files))


def dotted_suffixes(names):
    out = set()
    for n in names:
        out.add(n)
        i = n.find(".")
        while i >= 0 and n.find(".", i + 1) >= 0:
            out.add(n[i + 1:])
            i = n.find(".", i + 1)
    return out


def entry_tier(entry, calls, slots, types):
    """The best evidence that a test with these recorded names reaches
    the Python name entry, or None."""
    if entry in calls:
        return "call"
    parent, _, last = entry.rpartition(".")
    if not (last.startswith("__") and last.endswith("__")):
        # A method fires a c_call event when it runs: an instance of its
        # type at hand is no evidence that it ran.
        return None
    if entry in slots:
        return "slot"
    if parent in types:
        return "type"
    return None


def cmd_record(args):
    import concurrent.futures
    import hashlib
    import threading
    import time
    t0 = time.perf_counter()
    entries = sorted(set(args.entry))
    static = static_index(args.dirs, entries)
    pytest_mode = {d: uses_pytest(d) for d in args.dirs}
    files = []
    for d in args.dirs:
        root, _ = import_root(d)
        for path, r, dotted in source_files([d]):
            if is_test_file(os.path.basename(path)):
                files.append((path, r, dotted, "pytest" if pytest_mode[d]
                              else None))
    chosen, how = candidate_files(files, static, entries, args.record_limit)
    h = hashlib.sha256()
    h.update(("%s|%d|%s\n" % (sys.executable, CACHE_VERSION,
                              sys.version)).encode())
    try:
        st = os.stat(os.path.realpath(sys.executable))
        h.update(("%d|%d\n" % (st.st_size, st.st_mtime_ns)).encode())
    except OSError:
        pass
    roots = sorted({import_root(d)[0] for d in args.dirs} |
                   set(args.project))
    stamp_tree(roots, h)
    project_key = h.hexdigest()
    paths = sorted({import_root(d)[0] for d in args.dirs} |
                   {os.path.abspath(p) for p in args.path + args.project})
    cache = record_cache_dir()
    tests, problems = {}, []
    recorded = cached = 0
    docs, todo = {}, []
    for path, root, dotted, kind in chosen:
        if kind is None:
            kind = "unittest" if path in static["files"] and all(
                "::" not in t for t in static["files"][path]["tests"]) \
                else file_kind(path)
        st = os.stat(path)
        key = hashlib.sha256(("%s|%d|%d|%s|%s|%s" % (
            os.path.abspath(path), st.st_size, st.st_mtime_ns, kind,
            project_key, "|".join(paths))).encode()).hexdigest()[:32]
        cfile = os.path.join(cache, key + ".json")
        doc = None
        if not args.no_cache:
            try:
                with open(cfile, encoding="utf-8") as f:
                    doc = json.load(f)
                cached += 1
            except (OSError, ValueError):
                doc = None
        docs[path] = doc
        if doc is None:
            todo.append((path, root, dotted, kind, cfile))

    def record(job):
        # Each file is recorded in its own child processes, and cached as
        # soon as it is done: an interrupted run keeps what it recorded.
        path, root, dotted, kind, cfile = job
        t = time.perf_counter()
        got, probs = record_one_file(path, root, dotted, kind, paths,
                                     args.timeout)
        doc = {"file": path, "kind": kind, "tests": got, "problems": probs,
               "seconds": round(time.perf_counter() - t, 2)}
        try:
            os.makedirs(cache, exist_ok=True)
            tmp = cfile + ".%d.%d.tmp" % (os.getpid(), threading.get_ident())
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(doc, f)
            os.replace(tmp, cfile)
        except OSError:
            pass
        return path, doc

    jobs = args.jobs or os.cpu_count() or 1
    if todo:
        with concurrent.futures.ThreadPoolExecutor(
                max_workers=min(jobs, len(todo))) as pool:
            for path, doc in pool.map(record, todo):
                docs[path] = doc
                recorded += 1
    for path, _, _, _ in chosen:
        doc = docs[path]
        problems.extend(doc["problems"])
        for tid, t in doc["tests"].items():
            t["kind"] = doc["kind"]
            tests[tid] = t
    cwd = os.getcwd()

    def shown(tid, kind):
        if kind != "pytest":
            return tid
        p, sep, rest = tid.partition("::")
        rel = os.path.relpath(p, cwd)
        return (p if rel.startswith("..") else rel) + sep + rest

    recorded_files = {os.path.abspath(t["file"]) for t in tests.values()}
    # A module's runtime name may be longer than its PyModuleDef name:
    # single-phase init names `_ext` `pkg._ext` when imported from pkg. An
    # entry point matches any dotted suffix (of two names or more).
    sets = {}
    for tid, t in tests.items():
        if t["outcome"] == "ran":
            sets[tid] = tuple(dotted_suffixes(t[k])
                              for k in ("calls", "slots", "types"))
    # Tests that crashed or hung while recording: the index's guess stands.
    not_ran = {shown(tid, t["kind"]) for tid, t in tests.items()
               if t["outcome"] != "ran"}
    result = {}
    for e in entries:
        found = {}
        for tid, t in tests.items():
            if tid not in sets:
                continue
            tier = entry_tier(e, *sets[tid])
            if tier:
                sid = shown(tid, t["kind"])
                found[sid] = {"id": sid, "kind": t["kind"], "via": tier,
                              "seconds": t["seconds"], "root": t["root"],
                              "file": t["file"]}
        # The index's guesses count where the recording cannot contradict
        # them: tests of files not recorded, and slots, getters and the
        # like that no profiler event shows.
        last = e.rpartition(".")[2]
        soft = last.startswith("__") or not any(
            e in v[0] for v in sets.values())
        for s in static["entries"].get(e, []):
            unrecorded = os.path.abspath(s["file"]) not in recorded_files \
                or s["id"] in not_ran
            if (unrecorded or soft) and s["id"] not in found and \
                    not any(f["file"] == s["file"] and f["id"].split(
                        "[")[0].endswith(s["id"].rpartition("::")[2])
                        for f in found.values() if s["kind"] == "pytest"):
                found[s["id"]] = dict(s, via="static", seconds=None)
        result[e] = sorted(found.values(), key=lambda f: (
            -TIERS[f["via"]], f["seconds"] if f["seconds"] is not None
            else 1e9, f["id"]))
    # Every test that ran, with the entry points it reached: refcheck picks
    # from these a control test that reaches none of a finding's.
    ran = {}
    for tid, t in tests.items():
        if tid in sets:
            ran[shown(tid, t["kind"])] = {
                "kind": t["kind"], "root": t["root"], "file": t["file"],
                "seconds": t["seconds"],
                "entries": [e for e in entries
                            if entry_tier(e, *sets[tid])]}
    write(args.out, {
        "entries": result,
        "ran": ran,
        "static": {e: [s["id"] for s in v]
                   for e, v in static["entries"].items()},
        "files": {f: {"root": v["root"], "tests": v["tests"]}
                  for f, v in static["files"].items()},
        "roots": paths,
        "candidates": how,
        "recorded_files": recorded, "cached_files": cached,
        "tests_recorded": len(tests), "problems": problems[:50],
        "seconds": round(time.perf_counter() - t0, 2),
    })


def file_kind(path):
    """For a project without pytest configuration: pytest when the file
    has module-level test functions and does not mention unittest (it is
    written for pytest), else unittest (CPython's test_json/test_x.py gets
    its TestCase from its package)."""
    try:
        with open(path, "rb") as f:
            text = f.read()
    except OSError:
        return "unittest"
    if b"unittest" not in text and re.search(rb"(?m)^(async )?def test",
                                            text):
        return "pytest"
    return "unittest"


# ---------------------------------------------------------------- check

def unbuilt_module(parts, projects, suffixes):
    """(package, its folder) when the project holds the package the entry
    point's name starts with (directly or under src/), without the next
    name in it as a module or package, nor any extension binary built for
    this interpreter: the extension is not built yet."""
    for project in projects:
        for base in (project, os.path.join(project, "src")):
            folder = base
            for k, part in enumerate(parts[:-1]):
                if not os.path.isfile(os.path.join(folder, part,
                                                   "__init__.py")):
                    break
                folder = os.path.join(folder, part)
                nxt = parts[k + 1]
                if os.path.exists(os.path.join(folder, nxt + ".py")) or \
                        os.path.isdir(os.path.join(folder, nxt)):
                    continue
                if any(f.endswith(suffixes) for f in os.listdir(folder)):
                    return None
                return ".".join(parts[:k + 1]), folder
    return None


def cmd_check(args):
    """Can this interpreter import the extension modules the entry points
    name? Looks for each module's binary under the project folders (or an
    importable module of that name, like the interpreter's own _json); a
    binary built for another interpreter (its ABI tag) or a package that
    fails to import is a problem. Writes the import roots to add, and per
    entry point the reason it cannot be measured: "blocked" (a problem of
    its module) or "unimportable" (no such module for this interpreter)."""
    import importlib
    import importlib.machinery
    import importlib.util
    import sysconfig
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    if hasattr(sys, "gettotalrefcount"):
        # A debug interpreter imports release-built binaries too, but their
        # Py_INCREF/Py_DECREF do not update the reference total: only its
        # own tag (the 'd' ABI flag) measures right.
        suffixes = (sysconfig.get_config_var("EXT_SUFFIX"),)
    binaries = {}
    for folder in args.project:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames
                                 if not d.startswith(".") and
                                 d not in ("__pycache__", "build"))
            for fn in sorted(filenames):
                if fn.endswith((".so", ".pyd")) and "." in fn:
                    binaries.setdefault(fn.split(".", 1)[0], []).append(
                        os.path.join(dirpath, fn))
    for p in reversed(args.path):
        sys.path.insert(0, os.path.abspath(p))
    problems, notes, roots, done = [], [], [], set()
    # Module name -> why it cannot be measured (None: it can), so every
    # entry point of a module gets its module's verdict.
    verdict, blocked, unimportable = {}, {}, {}

    def problem(name, entry, msg):
        problems.append(msg)
        verdict[name] = msg
        blocked[entry] = msg

    for entry in sorted(set(args.entry)):
        parts = entry.split(".")
        for k in range(len(parts), 0, -1):
            name = ".".join(parts[:k])
            short = parts[k - 1]
            if short not in binaries:
                continue
            if name in done:
                if verdict.get(name):
                    blocked[entry] = verdict[name]
                break
            done.add(name)
            good = [b for b in binaries[short]
                    if os.path.basename(b)[len(short):] in suffixes]
            if not good:
                other = binaries[short][0]
                problem(
                    name, entry,
                    "extension '%s' is built for another interpreter: %s "
                    "has the tag '%s', %s imports '%s' (rebuild it, e.g. "
                    "with --build)" % (name, other,
                                       os.path.basename(other)[len(short):],
                                       os.path.basename(sys.executable),
                                       suffixes[0]))
                break
            folder, dotted = import_root(os.path.dirname(good[0]))
            mod = (dotted + "." if dotted else "") + short
            if folder not in sys.path:
                sys.path.insert(0, folder)
            if folder not in roots:
                roots.append(folder)
            try:
                importlib.import_module(mod)
            except BaseException as e:  # any failure is the user's news
                msg = str(e).strip().splitlines()
                problem(name, entry, "cannot import '%s' (%s): %s%s" % (
                    mod, good[0], type(e).__name__,
                    ": " + msg[-1] if msg else ""))
            break
        else:
            missing = unbuilt_module(parts, args.project, suffixes)
            if missing:
                if missing[0] not in done:
                    done.add(missing[0])
                    problem(
                        missing[0], entry,
                        "the extension of package '%s' is not built: no "
                        "*%s in %s (build it in place for %s, e.g. with "
                        "--build)" % (missing[0], suffixes[0], missing[1],
                                      os.path.basename(sys.executable)))
                elif verdict.get(missing[0]):
                    blocked[entry] = verdict[missing[0]]
                continue
            top = parts[0]
            if top not in done:
                done.add(top)
                try:
                    found = top in sys.builtin_module_names or \
                        importlib.util.find_spec(top) is not None
                except (ImportError, ValueError):
                    found = False
                if not found:
                    verdict[top] = "no module '%s' is built under %s nor " \
                        "importable by %s" % (
                            top, ", ".join(args.project),
                            os.path.basename(sys.executable))
                    notes.append(verdict[top])
            if verdict.get(top):
                unimportable[entry] = verdict[top]
    # Every extension built for this interpreter is importable from its
    # own root too (a src/ layout's package, which the tests reach through
    # an installed or in-place package the entry points do not name).
    for found in binaries.values():
        for b in found:
            short = os.path.basename(b).split(".", 1)[0]
            if os.path.basename(b)[len(short):] in suffixes:
                folder = import_root(os.path.dirname(b))[0]
                if folder not in roots:
                    roots.append(folder)
    write(args.out, {"problems": problems, "notes": notes, "roots": roots,
                     "blocked": blocked, "unimportable": unimportable})


# ---------------------------------------------------------------- measure

def fd_count():
    try:
        return len(os.listdir("/proc/self/fd"))
    except OSError:
        count = 0
        for fd in range(256):
            try:
                os.fstat(fd)
                count += 1
            except OSError:
                pass
        return count


class Caches:
    """Saves the ABC registries at start; clear() restores them and empties
    the caches the standard library keeps, so what stays is a leak."""

    def __init__(self):
        import abc
        self.abcs = {}
        for cls in self.abc_classes():
            try:
                registry = abc._get_dump(cls)[0]
            except (AttributeError, TypeError):
                continue
            self.abcs[cls] = [r() for r in registry if r() is not None]

    @staticmethod
    def abc_classes():
        import abc
        found = []
        for modname in ("collections.abc", "numbers", "io", "os",
                        "typing", "contextlib"):
            mod = sys.modules.get(modname)
            if mod is None:
                continue
            for v in list(vars(mod).values()):
                if isinstance(v, abc.ABCMeta):
                    found.append(v)
        return found

    def clear(self):
        for cls, registered in self.abcs.items():
            try:
                cls._abc_registry_clear()
                cls._abc_caches_clear()
            except AttributeError:
                continue
            for r in registered:
                cls.register(r)
        for cls in self.abc_classes():
            if cls not in self.abcs and hasattr(cls, "_abc_caches_clear"):
                cls._abc_caches_clear()
        for name, attr in (("re", "purge"), ("linecache", "clearcache"),
                           ("struct", "_clearcache"),
                           ("urllib.parse", "clear_cache"),
                           ("fnmatch", None), ("filecmp", None)):
            mod = sys.modules.get(name)
            if mod is None:
                continue
            if attr:
                getattr(mod, attr, lambda: None)()
            elif name == "fnmatch" and hasattr(mod, "_compile_pattern"):
                mod._compile_pattern.cache_clear()
            elif name == "filecmp" and hasattr(mod, "_cache"):
                mod._cache.clear()
        typing = sys.modules.get("typing")
        if typing is not None:
            for f in getattr(typing, "_cleanups", []):
                f()
        sys._clear_type_cache()
        gc.collect()


def run_unittest(ids, result_sink):
    import unittest
    loader = unittest.TestLoader()
    suite = loader.loadTestsFromNames(ids)
    result = unittest.TestResult()
    suite.run(result)
    for test, tb in result.errors + result.failures:
        result_sink.append("%s: %s" % (test.id(), tb.strip().splitlines()[-1]))
    return result.testsRun


def run_pytest(ids, result_sink):
    import pytest
    rc = pytest.main(["-q", "-p", "no:cacheprovider", "-x"] + list(ids))
    if rc not in (0, 5):
        result_sink.append("pytest exit status %d" % rc)
    return len(ids)


def leaks(deltas):
    """refcheck's decision rule (lib/Runner/Runner.cpp, decideLeaks): every
    measured repetition grew by at least one; any change of open files."""
    refs, blocks, fds = deltas
    return ((refs and all(d >= 1 for d in refs)) or
            (blocks and all(d >= 1 for d in blocks)) or
            any(d != 0 for d in fds))


def measure_set(ids, runner, stab, run, caches, debug):
    """The stabilize-and-measure loop on one set of test ids: runs them
    stab + run times and returns the deltas of the last run repetitions,
    how many tests ran, and the first repetition's failures."""
    import array
    reps = stab + run
    # Counts go into C arrays: storing them keeps no int object alive, so
    # the harness itself allocates nothing that outlives a repetition.
    refs = array.array("q", [0] * (reps + 1))
    blocks = array.array("q", [0] * (reps + 1))
    fds = array.array("q", [0] * (reps + 1))
    gettotalrefcount = getattr(sys, "gettotalrefcount", lambda: 0)
    getallocatedblocks = sys.getallocatedblocks
    problems = []
    caches.clear()
    refs[0] = gettotalrefcount()
    blocks[0] = getallocatedblocks()
    fds[0] = fd_count()
    ran = 0
    for i in range(1, reps + 1):
        sink = []
        ran = runner(ids, sink)
        if i == 1:
            problems.extend(sink)
        caches.clear()
        blocks[i] = getallocatedblocks()
        refs[i] = gettotalrefcount()
        fds[i] = fd_count()

    def deltas(values):
        return [values[i] - values[i - 1] for i in range(stab + 1, reps + 1)]
    return {
        "references": deltas(refs) if debug else [],
        "blocks": deltas(blocks),
        "fds": deltas(fds),
        "tests_run": ran,
        "problems": problems,
    }


def cmd_measure(args):
    import faulthandler
    import shutil
    import tempfile
    import time
    faulthandler.enable()
    try:
        import resource
        # A test that crashes on purpose leaves no core file behind.
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass
    debug = hasattr(sys, "gettotalrefcount")
    if not debug and not args.blocks_only:
        sys.stderr.write("refcheck_confirm: not a debug build\n")
        sys.exit(3)
    add_paths(args.path)
    shown = list(args.ids)
    if args.kind == "pytest":
        # Node ids name files relative to where refcheck runs.
        args.ids = [os.path.abspath(i.split("::", 1)[0]) +
                    ("::" + i.split("::", 1)[1] if "::" in i else "")
                    for i in args.ids]
    # Tests that write files do it in a folder of their own.
    home = tempfile.mkdtemp(prefix="refcheck-confirm-")
    os.chdir(home)
    runner = run_pytest if args.kind == "pytest" else run_unittest
    caches = Caches()
    if not args.each:
        doc = measure_set(args.ids, runner, args.stab, args.run, caches,
                          debug)
        os.chdir("/")
        shutil.rmtree(home, ignore_errors=True)
        write(args.out, doc)
        return
    # --each: every id measured on its own, one after the other in this
    # process (one interpreter start for them all). One JSON line per
    # event, written as it happens: a test that crashes the interpreter or
    # outlives --timeout (the watchdog ends the process) leaves the
    # results before it, and a "begin" line naming it.
    with open(args.out, "w", encoding="utf-8") as out:
        def line(doc):
            out.write(json.dumps(doc, sort_keys=True) + "\n")
            out.flush()
        for test_id, name in zip(args.ids, shown):
            line({"begin": name})
            if args.timeout:
                faulthandler.dump_traceback_later(args.timeout, exit=True)
            t0 = time.perf_counter()
            doc = measure_set([test_id], runner, args.stab, args.run,
                              caches, debug)
            if args.timeout:
                faulthandler.cancel_dump_traceback_later()
            doc["id"] = name
            doc["seconds"] = time.perf_counter() - t0
            line(doc)
            if args.stop_on_leak and leaks(
                    (doc["references"], doc["blocks"], doc["fds"])):
                break
    os.chdir("/")
    shutil.rmtree(home, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(prog="refcheck_confirm")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("probe")
    p.add_argument("--out", required=True)
    p = sub.add_parser("index")
    p.add_argument("--out", required=True)
    p.add_argument("--entry", action="append", default=[])
    p.add_argument("dirs", nargs="+")
    p = sub.add_parser("measure")
    p.add_argument("--out", required=True)
    p.add_argument("--stab", type=int, default=3)
    p.add_argument("--run", type=int, default=3)
    p.add_argument("--blocks-only", action="store_true")
    p.add_argument("--kind", default="unittest")
    p.add_argument("--path", action="append", default=[])
    p.add_argument("--each", action="store_true",
                   help="measure each id on its own, writing JSON lines")
    p.add_argument("--stop-on-leak", action="store_true",
                   help="with --each: stop after the first leaking test")
    p.add_argument("--timeout", type=int, default=0,
                   help="with --each: end the process when one test takes "
                   "longer than this many seconds")
    p.add_argument("ids", nargs="+")
    p = sub.add_parser("record")
    p.add_argument("--out", required=True)
    p.add_argument("--entry", action="append", default=[])
    p.add_argument("--project", action="append", default=[])
    p.add_argument("--path", action="append", default=[])
    p.add_argument("--timeout", type=int, default=300,
                   help="seconds one test may take while recorded")
    p.add_argument("--record-limit", type=int, default=300)
    p.add_argument("--jobs", type=int, default=0,
                   help="test files recorded at once (0: the core count)")
    p.add_argument("--no-cache", action="store_true")
    p.add_argument("dirs", nargs="+")
    p = sub.add_parser("record-file")
    p.add_argument("--out", required=True)
    p.add_argument("--kind", default="unittest")
    p.add_argument("--module", required=True)
    p.add_argument("--file", required=True)
    p.add_argument("--path", action="append", default=[])
    p.add_argument("--skip", action="append", default=[])
    p.add_argument("--test-timeout", type=int, default=0)
    p = sub.add_parser("check")
    p.add_argument("--out", required=True)
    p.add_argument("--entry", action="append", default=[])
    p.add_argument("--project", action="append", default=[])
    p.add_argument("--path", action="append", default=[])
    args = ap.parse_args()
    {"probe": cmd_probe, "index": cmd_index, "measure": cmd_measure,
     "record": cmd_record, "record-file": cmd_record_file,
     "check": cmd_check}[args.cmd](args)


if __name__ == "__main__":
    main()
