"""Helper for `refcheck confirm`; runs inside the interpreter under test.

Standard library only. Three commands, each writing one JSON document to
--out (the tests' own output goes to stdout/stderr, which refcheck keeps
apart):

  probe                       what this interpreter can measure
  index --entry NAME... DIR   which test methods reach each Python name
  measure --runs S:R ID...    the stabilize-and-measure loop on test ids
"""
import argparse
import ast
import builtins
import gc
import json
import os
import sys


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


CACHE_VERSION = 1


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


def cmd_index(args):
    entries = sorted(set(args.entry))
    modules = load_modules(args.dirs, entries)
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
    roots = sorted({import_root(d)[0] for d in args.dirs})
    write(args.out, {"entries": result, "files": files, "roots": roots,
                     "modules_indexed": len(modules)})


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


def cmd_measure(args):
    import faulthandler
    import tempfile
    faulthandler.enable()
    try:
        import resource
        # A test that crashes on purpose leaves no core file behind.
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass
    stab, run = args.stab, args.run
    debug = hasattr(sys, "gettotalrefcount")
    if not debug and not args.blocks_only:
        sys.stderr.write("refcheck_confirm: not a debug build\n")
        sys.exit(3)
    for p in reversed(args.path):
        sys.path.insert(0, p)
    if args.kind == "pytest":
        # Node ids name files relative to where refcheck runs.
        args.ids = [os.path.abspath(i.split("::", 1)[0]) +
                    ("::" + i.split("::", 1)[1] if "::" in i else "")
                    for i in args.ids]
    # Tests that write files do it in a folder of their own.
    home = tempfile.mkdtemp(prefix="refcheck-confirm-")
    os.chdir(home)
    runner = run_pytest if args.kind == "pytest" else run_unittest
    problems = []
    reps = stab + run
    # Counts go into C arrays: storing them keeps no int object alive, so
    # the harness itself allocates nothing that outlives a repetition.
    import array
    refs = array.array("q", [0] * (reps + 1))
    blocks = array.array("q", [0] * (reps + 1))
    fds = array.array("q", [0] * (reps + 1))
    caches = Caches()
    gettotalrefcount = getattr(sys, "gettotalrefcount", lambda: 0)
    getallocatedblocks = sys.getallocatedblocks
    caches.clear()
    refs[0] = gettotalrefcount()
    blocks[0] = getallocatedblocks()
    fds[0] = fd_count()
    ran = 0
    for i in range(1, reps + 1):
        sink = []
        ran = runner(args.ids, sink)
        if i == 1:
            problems.extend(sink)
        caches.clear()
        blocks[i] = getallocatedblocks()
        refs[i] = gettotalrefcount()
        fds[i] = fd_count()
    os.chdir("/")
    import shutil
    shutil.rmtree(home, ignore_errors=True)

    def deltas(values):
        return [values[i] - values[i - 1] for i in range(stab + 1, reps + 1)]
    write(args.out, {
        "references": deltas(refs) if debug else [],
        "blocks": deltas(blocks),
        "fds": deltas(fds),
        "tests_run": ran,
        "problems": problems,
    })


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
    p.add_argument("ids", nargs="+")
    args = ap.parse_args()
    {"probe": cmd_probe, "index": cmd_index, "measure": cmd_measure}[
        args.cmd](args)


if __name__ == "__main__":
    main()
