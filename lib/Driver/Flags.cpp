//===- Flags.cpp - Compile flags without a compile database ---------------===//
#include "refcheck/Flags.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

using namespace refcheck;
using namespace llvm;

Expected<PythonIncludes> refcheck::queryPythonIncludes(StringRef Python) {
  auto Fail = [&](const Twine &Why) {
    return createStringError(inconvertibleErrorCode(),
                             "cannot find Python headers with '" + Python +
                                 "': " + Why);
  };
  ErrorOr<std::string> Exe = sys::findProgramByName(Python);
  if (!Exe || !sys::fs::can_execute(*Exe))
    return Fail("no such program");
  SmallString<128> Out;
  if (sys::fs::createTemporaryFile("refcheck-pyinc", "txt", Out))
    return Fail("cannot create a temporary file");
  std::string OutPath = Out.str().str();
  std::optional<StringRef> Redirects[] = {std::nullopt, StringRef(OutPath),
                                          std::nullopt};
  std::string Err;
  int RC = sys::ExecuteAndWait(
      *Exe,
      {*Exe, "-c",
       "import sysconfig; p = sysconfig.get_paths(); "
       "print(p['include']); print(p['platinclude']); "
       "print(sysconfig.get_python_version())"},
      std::nullopt, Redirects, /*SecondsToWait=*/120, 0, &Err);
  auto Buf = MemoryBuffer::getFile(OutPath);
  sys::fs::remove(OutPath);
  if (RC != 0 || !Buf)
    return Fail(Err.empty() ? "it failed" : Err);
  SmallVector<StringRef, 3> Lines;
  (*Buf)->getBuffer().trim().split(Lines, '\n');
  if (Lines.size() != 3)
    return Fail("unexpected output");
  PythonIncludes P{Lines[0].trim().str(), Lines[1].trim().str(),
                   Lines[2].trim().str()};
  SmallString<256> H(P.Include);
  sys::path::append(H, "Python.h");
  if (!sys::fs::exists(H))
    return Fail("'" + P.Include +
                "' has no Python.h (install python3-dev)");
  return P;
}

std::optional<std::string> refcheck::findFolderAbove(StringRef File,
                                                     StringRef Rel) {
  SmallString<256> Abs(File);
  sys::fs::make_absolute(Abs);
  StringRef Dir = sys::path::parent_path(Abs);
  while (!Dir.empty()) {
    SmallString<256> Probe(Dir);
    sys::path::append(Probe, Rel);
    if (sys::fs::exists(Probe))
      return Dir.str();
    StringRef Parent = sys::path::parent_path(Dir);
    if (Parent == Dir)
      break;
    Dir = Parent;
  }
  return std::nullopt;
}

std::string refcheck::pathUnder(StringRef Root, StringRef Path) {
  StringRef R(Path);
  if (!Root.empty() && R.consume_front(Root) &&
      (Root.ends_with("/") || R.consume_front("/")))
    return R.str();
  return Path.str();
}

std::string refcheck::projectRootFor(StringRef AbsFile, StringRef DbFolder) {
  auto Holds = [&](StringRef Root) {
    return !Root.empty() && pathUnder(Root, AbsFile) != AbsFile;
  };
  if (Holds(DbFolder))
    return DbFolder.str();
  // A .git folder, or the .git file of a linked worktree.
  std::optional<std::string> Git = findFolderAbove(AbsFile, ".git");
  if (Git && Holds(*Git))
    return *Git;
  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  if (Holds(Cwd) || !Git)
    return Cwd.str().str();
  return *Git;
}

std::optional<std::string> refcheck::findCPythonRoot(StringRef File) {
  return findFolderAbove(File, "Include/Python.h");
}

namespace {
/// Extra flags CPython's build gives some files under Modules/. Paths are
/// relative to the tree root; `dir/` matches the whole folder.
struct ModuleFlags {
  const char *Path;
  const char *Flags; ///< space-separated; {root} is the tree root
};
const ModuleFlags ModuleTable[] = {
    {"Modules/_decimal/", "-I{root}/Modules/_decimal/libmpdec"},
    {"Modules/pyexpat.c", "-I{root}/Modules/expat -DHAVE_EXPAT_CONFIG_H -DXML_POOR_ENTROPY"},
    {"Modules/_elementtree.c", "-I{root}/Modules/expat -DHAVE_EXPAT_CONFIG_H"},
    {"Modules/expat/", "-I{root}/Modules/expat -DHAVE_EXPAT_CONFIG_H -DXML_POOR_ENTROPY"},
    {"Modules/_sha3/", "-I{root}/Modules/_sha3"},
    {"Modules/_blake2/", "-I{root}/Modules/_blake2"},
    {"Modules/_hacl/", "-I{root}/Modules/_hacl/include"},
    {"Modules/_sqlite/", "-I{root}/Modules/_sqlite"},
    {"Modules/_io/", "-I{root}/Modules/_io"},
    {"Modules/cjkcodecs/", "-I{root}/Modules/cjkcodecs"},
    {"Modules/_multiprocessing/", "-I{root}/Modules/_multiprocessing"},
    {"Modules/getpath.c", "-DPREFIX=\"/usr/local\" -DEXEC_PREFIX=\"/usr/local\" -DVERSION=\"3\" -DVPATH=\"\" -DPLATLIBDIR=\"lib\""},
};
} // namespace

/// CPython's build compiles files that include internal (pycore_*) headers
/// with Py_BUILD_CORE_BUILTIN (built-in modules) or Py_BUILD_CORE_MODULE;
/// mimic that for files that need it and do not define it themselves.
static bool needsBuildCore(StringRef File) {
  auto Buf = MemoryBuffer::getFile(File);
  if (!Buf)
    return false;
  StringRef Text = (*Buf)->getBuffer();
  return Text.contains("#include \"pycore_") &&
         !Text.contains("define Py_BUILD_CORE");
}

static void addFlags(std::vector<std::string> &Args, StringRef Flags,
                     StringRef Root) {
  SmallVector<StringRef, 8> Parts;
  Flags.split(Parts, ' ', -1, false);
  for (StringRef P : Parts) {
    std::string S = P.str();
    size_t At = S.find("{root}");
    if (At != std::string::npos)
      S.replace(At, 6, Root.str());
    Args.push_back(S);
  }
}

FileCommand refcheck::cpythonTreeCommand(StringRef File, StringRef Root,
                                         const PythonIncludes &Host) {
  FileCommand C;
  C.File = File.str();
  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  C.Directory = Cwd.str().str();
  SmallString<256> Abs(File);
  sys::fs::make_absolute(Abs);
  std::string Rel = Abs.str().str();
  if (StringRef(Rel).starts_with(Root))
    Rel = StringRef(Rel).drop_front(Root.size()).ltrim('/').str();

  C.Args.push_back(("-I" + Root + "/Include").str());
  C.Args.push_back(("-I" + Root + "/Include/internal").str());
  SmallString<256> OwnConfig(Root);
  sys::path::append(OwnConfig, "pyconfig.h");
  if (sys::fs::exists(OwnConfig)) {
    C.Args.push_back(("-I" + Root).str());
    C.Provenance = ("CPython tree at " + Root + " (its own pyconfig.h)").str();
  } else {
    // An unconfigured tree: a virtual folder whose only file forwards to the
    // host's pyconfig.h, so none of the host's other headers can shadow the
    // tree's.
    SmallString<256> VDir(Root);
    sys::path::append(VDir, ".refcheck-pyconfig");
    SmallString<256> VFile(VDir);
    sys::path::append(VFile, "pyconfig.h");
    SmallString<256> HostConfig(Host.PlatInclude);
    sys::path::append(HostConfig, "pyconfig.h");
    C.VirtualFiles.push_back(
        {VFile.str().str(), "#include \"" + HostConfig.str().str() + "\"\n"});
    C.Args.push_back(("-I" + VDir).str());
    C.Provenance = ("CPython tree at " + Root + " (pyconfig.h of Python " +
                    Host.Version + ")")
                       .str();
  }
  StringRef R(Rel);
  if (R.starts_with("Python/") || R.starts_with("Objects/") ||
      R.starts_with("Parser/") || R.starts_with("Programs/"))
    C.Args.push_back("-DPy_BUILD_CORE");
  if (R.starts_with("Parser/"))
    C.Args.push_back(("-I" + Root + "/Parser").str());
  if (R.starts_with("Modules/")) {
    for (const ModuleFlags &M : ModuleTable) {
      StringRef P(M.Path);
      if (P.ends_with("/") ? R.starts_with(P) : R == P)
        addFlags(C.Args, M.Flags, Root);
    }
    if (needsBuildCore(Abs))
      C.Args.push_back("-DPy_BUILD_CORE_BUILTIN");
  }
  return C;
}

FileCommand refcheck::hostPythonCommand(StringRef File,
                                        const PythonIncludes &Host) {
  FileCommand C;
  C.File = File.str();
  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  C.Directory = Cwd.str().str();
  C.Args.push_back("-I" + Host.Include);
  if (Host.PlatInclude != Host.Include)
    C.Args.push_back("-I" + Host.PlatInclude);
  C.Provenance = "headers of Python " + Host.Version + " (" + Host.Include + ")";
  return C;
}

void refcheck::treatPythonHeadersAsSystem(FileCommand &Cmd) {
  auto HoldsPythonH = [&](StringRef Dir) {
    SmallString<256> P(Dir);
    if (!sys::path::is_absolute(P))
      sys::fs::make_absolute(Cmd.Directory, P);
    sys::path::append(P, "Python.h");
    return sys::fs::exists(P);
  };
  std::vector<std::string> Out;
  Out.reserve(Cmd.Args.size());
  for (size_t I = 0; I < Cmd.Args.size(); ++I) {
    StringRef A = Cmd.Args[I];
    if (A == "-I" && I + 1 < Cmd.Args.size() && HoldsPythonH(Cmd.Args[I + 1])) {
      Out.push_back("-isystem");
      Out.push_back(Cmd.Args[++I]);
      continue;
    }
    if (A.starts_with("-I") && A.size() > 2 && HoldsPythonH(A.drop_front(2))) {
      Out.push_back(("-isystem" + A.drop_front(2)).str());
      continue;
    }
    Out.push_back(A.str());
  }
  Cmd.Args = std::move(Out);
}
