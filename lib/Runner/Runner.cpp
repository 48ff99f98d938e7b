//===- Runner.cpp - refcheck confirm: tests, processes, the decision ------===//
#include "refcheck/Runner.h"
#include "refcheck/Flags.h"
#include "refcheck/Report.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"
#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <tuple>

using namespace refcheck;
using namespace llvm;

static Error err(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Msg);
}

Expected<std::pair<unsigned, unsigned>> refcheck::parseRuns(StringRef S) {
  auto [A, B] = S.split(':');
  unsigned Stab = 0, Run = 0;
  if (A.getAsInteger(10, Stab) || B.getAsInteger(10, Run) || Run == 0)
    return err("--runs wants STAB:RUN with RUN >= 1, e.g. 3:3 or 5:4; got '" +
               S + "'");
  return std::make_pair(Stab, Run);
}

bool refcheck::countLeaks(const std::vector<long long> &D) {
  return !D.empty() && all_of(D, [](long long X) { return X >= 1; });
}

bool refcheck::fdLeaks(const std::vector<long long> &D) {
  return any_of(D, [](long long X) { return X != 0; });
}

void refcheck::decideLeaks(TestRun &Run) {
  Run.Leaked.clear();
  if (countLeaks(Run.Refs))
    Run.Leaked.push_back("references");
  if (countLeaks(Run.Blocks))
    Run.Leaked.push_back("memory blocks");
  if (fdLeaks(Run.Fds))
    Run.Leaked.push_back("file descriptors");
}

std::optional<std::string> refcheck::immortalReason(const Finding &F,
                                                    unsigned Major,
                                                    unsigned Minor) {
  if (Major < 3 || (Major == 3 && Minor < 12))
    return std::nullopt;
  StringRef O = F.Origin;
  static const char *Singletons[] = {"Py_None", "Py_True", "Py_False",
                                     "Py_Ellipsis", "Py_NotImplemented",
                                     "_Py_NoneStruct", "_Py_TrueStruct",
                                     "_Py_FalseStruct"};
  std::string Why = "immortal on Python " + std::to_string(Major) + "." +
                    std::to_string(Minor) + ", so sys.gettotalrefcount() "
                    "cannot see it";
  if (O.consume_front("static:"))
    for (const char *S : Singletons)
      if (O == S)
        return "the leaked object is " + O.str() + ", " + Why;
  StringRef Callee = StringRef(F.Origin).split('#').first;
  if (Callee == "PyUnicode_InternFromString" ||
      Callee == "PyUnicode_InternInPlace" || Callee == "Py_NewRef" ||
      Callee == "PyBool_FromLong")
    if (Callee != "Py_NewRef" ||
        StringRef(F.Message).contains_insensitive("None"))
      return "the leaked object comes from " + Callee.str() + " (" +
             (Callee == "PyBool_FromLong" ? "True or False"
                                          : "an interned or static object") +
             "), " + Why;
  return std::nullopt;
}

void refcheck::parseRegrtestOutput(StringRef Output, TestRun &Run) {
  Regex Line("leaked \\[([-0-9, ]*)\\] (references|memory blocks|file "
             "descriptors), sum=");
  SmallVector<StringRef, 64> Lines;
  Output.split(Lines, '\n');
  for (StringRef L : Lines) {
    SmallVector<StringRef, 3> M;
    if (!Line.match(L, &M))
      continue;
    std::vector<long long> D;
    SmallVector<StringRef, 8> Parts;
    M[1].split(Parts, ',', -1, false);
    for (StringRef P : Parts) {
      long long V;
      if (!P.trim().getAsInteger(10, V))
        D.push_back(V);
    }
    if (M[2] == "references")
      Run.Refs = D;
    else if (M[2] == "memory blocks")
      Run.Blocks = D;
    else
      Run.Fds = D;
  }
}

std::vector<std::string> refcheck::regrtestArgs(StringRef TestId,
                                                unsigned Stab, unsigned Run,
                                                StringRef TestDir) {
  SmallVector<StringRef, 6> Parts;
  TestId.split(Parts, '.');
  // -B: no .pyc files written next to anyone's sources.
  std::vector<std::string> Args{"-B", "-m", "test"};
  StringRef Module = Parts[0];
  if (Parts.size() > 1 && Parts[0] == "test") {
    // test.test_x.Class.method: CPython's own suite, module test_x.
    Module = Parts[1];
  } else if (!TestDir.empty()) {
    // A project's tests: regrtest finds test_x in --testdir.
    Args.push_back("--testdir");
    Args.push_back(TestDir.str());
  }
  for (std::string A : {std::string("-R"),
                        std::to_string(Stab) + ":" + std::to_string(Run),
                        std::string("-m"), TestId.str(), Module.str()})
    Args.push_back(std::move(A));
  return Args;
}

std::string refcheck::findHelperScript() {
  std::string Exe = sys::fs::getMainExecutable(
      nullptr, reinterpret_cast<void *>(&findHelperScript));
  SmallString<256> P(sys::path::parent_path(sys::path::parent_path(Exe)));
  sys::path::append(P, "share", "refcheck", "refcheck_confirm.py");
  if (sys::fs::exists(P))
    return P.str().str();
  SmallString<256> Src(REFCHECK_SOURCE_SHARE);
  sys::path::append(Src, "refcheck_confirm.py");
  return Src.str().str();
}

std::vector<std::string> refcheck::defaultTestDirs(const Results &R) {
  std::vector<std::string> Dirs;
  for (const Finding &F : R.Findings)
    if (auto Root = findCPythonRoot(F.File)) {
      SmallString<256> P(*Root);
      sys::path::append(P, "Lib", "test");
      if (sys::fs::is_directory(P))
        return {P.str().str()};
    }
  for (const char *D : {"tests", "test"})
    if (sys::fs::is_directory(D))
      Dirs.push_back(D);
  return Dirs;
}

std::string refcheck::defaultBuildCommand(StringRef Python, StringRef Dir) {
  SmallString<256> P(Dir);
  sys::path::append(P, "setup.py");
  if (sys::fs::exists(P))
    return (Python + " setup.py build_ext --inplace").str();
  P = Dir;
  sys::path::append(P, "pyproject.toml");
  if (sys::fs::exists(P))
    return (Python + " -m pip install --no-build-isolation -e .").str();
  return "";
}

int refcheck::viaRank(StringRef Via) {
  return StringSwitch<int>(Via)
      .Case("call", 3)
      .Case("slot", 2)
      .Case("type", 1)
      .Default(0);
}

std::string refcheck::wouldReach(StringRef Entry) {
  auto [Owner, Last] = Entry.rsplit('.');
  // Type slots: the Python operation that runs them.
  static const StringMap<StringRef> Ops = {
      {"__new__", "creating a %s"},
      {"__init__", "creating a %s"},
      {"__repr__", "repr() of a %s"},
      {"__str__", "str() of a %s"},
      {"__hash__", "hash() of a %s"},
      {"__iter__", "iter() over a %s"},
      {"__next__", "next() on an iterator of %s"},
      {"__len__", "len() of a %s"},
      {"__getitem__", "indexing a %s"},
      {"__setitem__", "assigning an item of a %s"},
      {"__contains__", "`in` on a %s"},
      {"__call__", "calling a %s"},
      {"__eq__", "comparing a %s"},
      {"__getattribute__", "reading an attribute of a %s"},
      {"__setattr__", "setting an attribute of a %s"},
      {"__del__", "dropping the last reference to a %s"},
      {"__add__", "`+` on a %s"},
      {"__bool__", "truth value of a %s"},
  };
  if (Last.starts_with("__") && Last.ends_with("__")) {
    auto It = Ops.find(Last);
    if (It != Ops.end()) {
      std::string Fmt = It->second.str();
      size_t Pos = Fmt.find("%s");
      return Fmt.replace(Pos, 2, Owner.str());
    }
    return ("the " + Last + " slot of a " + Owner).str();
  }
  return ("calling " + Entry).str();
}

//===----------------------------------------------------------------------===//
// Processes
//===----------------------------------------------------------------------===//

namespace {

/// A temporary file removed when this goes away.
struct TempFile {
  std::string Path;
  explicit TempFile(StringRef Suffix) {
    SmallString<128> P;
    if (!sys::fs::createTemporaryFile("refcheck-confirm", Suffix, P))
      Path = P.str().str();
  }
  ~TempFile() {
    if (!Path.empty())
      sys::fs::remove(Path);
  }
  std::string read() const {
    auto B = MemoryBuffer::getFile(Path);
    return B ? (*B)->getBuffer().str() : std::string();
  }
};

struct ProcResult {
  int RC = 0;
  bool Crashed = false, TimedOut = false, NotRun = false;
  std::string Message; // crash signal, timeout, or why it could not start
  std::string Output;  // stdout + stderr of the child
  double Seconds = 0;
};

ProcResult runProcess(StringRef Program, const std::vector<std::string> &Args,
                      unsigned Timeout) {
  ProcResult R;
  TempFile Out(".out");
  std::vector<StringRef> Argv{Program};
  for (const std::string &A : Args)
    Argv.push_back(A);
  std::optional<StringRef> Redirects[] = {StringRef(""), StringRef(Out.Path),
                                          StringRef(Out.Path)};
  std::string ErrMsg;
  bool Failed = false;
  auto Start = std::chrono::steady_clock::now();
  R.RC = sys::ExecuteAndWait(Program, Argv, std::nullopt, Redirects, Timeout,
                             0, &ErrMsg, &Failed);
  R.Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                            Start)
                  .count();
  R.Output = Out.read();
  if (Failed || R.RC == -1) {
    R.NotRun = true;
    R.Message = ErrMsg.empty() ? "could not be started" : ErrMsg;
  } else if (R.RC == -2) {
    if (StringRef(ErrMsg).contains("timed out")) {
      R.TimedOut = true;
      R.Message = "timed out after " + std::to_string(Timeout) + "s";
    } else {
      R.Crashed = true;
      R.Message = ErrMsg.empty() ? "crashed" : ErrMsg;
    }
  }
  return R;
}

std::string lastLines(StringRef S, unsigned N) {
  SmallVector<StringRef, 32> Lines;
  S.rtrim().split(Lines, '\n');
  std::string Out;
  for (size_t I = Lines.size() > N ? Lines.size() - N : 0; I < Lines.size();
       ++I)
    Out += (Out.empty() ? "" : " | ") + Lines[I].trim().str();
  return Out;
}

struct Probe {
  unsigned Major = 0, Minor = 0;
  bool Debug = false, Regrtest = false;
};

/// One test (or set of tests) to measure, and where its modules import from;
/// how it was found to reach the finding and what recording it took.
struct Selected {
  std::string Id, Kind, Root, File;
  std::string Via = "static";
  double Seconds = -1;
};

class Confirmer {
  const ConfirmOptions &Opts;
  raw_ostream &Log;
  std::string Python, Helper;
  Probe P;
  std::vector<std::string> Roots;
  /// Import roots of the project's built extensions (from `check`).
  std::vector<std::string> ExtRoots;
  /// Entry point -> why it cannot be measured: its module is the project's
  /// but does not import (Blocked), or no such module exists for this
  /// interpreter (Unimportable; the recording may still see it under its
  /// runtime name).
  std::map<std::string, std::string> Blocked, Unimportable;
  std::map<std::string, TestRun> Cache;
  /// Every recorded test that ran, with the entry points it reached (the
  /// recording's "ran"): where control tests come from.
  struct RanTest {
    Selected Sel;
    std::set<std::string> Entries;
  };
  std::map<std::string, RanTest> Ran;
  /// Entry point -> the flagged functions it reaches (those of the
  /// findings that name it).
  std::map<std::string, std::set<std::string>> FlaggedByEntry;

public:
  Confirmer(const ConfirmOptions &Opts, raw_ostream &Log)
      : Opts(Opts), Log(Log) {}

  Error setUp() {
    if (sys::path::has_parent_path(Opts.Python)) {
      if (sys::fs::can_execute(Opts.Python))
        Python = Opts.Python;
    } else if (auto Found = sys::findProgramByName(Opts.Python))
      Python = *Found;
    if (Python.empty())
      return err("interpreter '" + Opts.Python +
                 "' not found (use --python PATH; on Debian: apt-get install "
                 "python3.11-dbg)");
    Helper = Opts.HelperScript.empty() ? findHelperScript() : Opts.HelperScript;
    if (!sys::fs::exists(Helper))
      return err("helper script '" + Helper + "' is missing (reinstall "
                 "refcheck: it belongs in share/refcheck)");
    auto V = runHelper("probe", {}, 120,
                       "'" + Python + "' cannot run refcheck's helper");
    if (!V)
      return V.takeError();
    const json::Object *O = V->getAsObject();
    if (const json::Array *Ver = O->getArray("version"); Ver && Ver->size() > 1) {
      P.Major = (*Ver)[0].getAsInteger().value_or(0);
      P.Minor = (*Ver)[1].getAsInteger().value_or(0);
    }
    P.Debug = O->getBoolean("debug").value_or(false);
    P.Regrtest = O->getBoolean("regrtest").value_or(false);
    if (!P.Debug && !Opts.BlocksOnly)
      return err(
          "'" + Python + "' is not a debug build: it lacks "
          "sys.gettotalrefcount(), which counts every reference and is only "
          "compiled into debug interpreters (configure --with-pydebug). On "
          "Debian/Ubuntu install python3.11-dbg and pass --python "
          "python3.11-dbg, or use --blocks-only for a weaker check on a "
          "release build");
    if (Opts.UseRegrtest && !P.Regrtest)
      return err("--use-regrtest: '" + Python + "' has no test.libregrtest "
                 "(run inside a CPython tree, or install "
                 "libpython3.11-testsuite)");
    if (Opts.BlocksOnly && !P.Debug)
      Log << "refcheck: note: --blocks-only on a release build measures "
             "allocated memory blocks only; it is weaker than counting "
             "references (misses leaks of objects kept in free lists)\n";
    return Error::success();
  }

  /// Runs one command of the helper script (Args after `--out FILE`) and
  /// returns the JSON document it wrote, or an error starting with What.
  Expected<json::Value> runHelper(StringRef Command,
                                  const std::vector<std::string> &Args,
                                  unsigned Timeout, StringRef What) {
    TempFile J(".json");
    std::vector<std::string> Argv{Helper, Command.str(), "--out", J.Path};
    Argv.insert(Argv.end(), Args.begin(), Args.end());
    ProcResult R = runProcess(Python, Argv, Timeout);
    auto V = json::parse(J.read());
    if (R.RC == 0 && V && V->getAsObject())
      return std::move(*V);
    if (!V)
      consumeError(V.takeError());
    return err(What + ": " +
               (R.Message.empty() ? lastLines(R.Output, 1) : R.Message));
  }

  static void addEach(std::vector<std::string> &Args, StringRef Flag,
                      const std::set<std::string> &Values) {
    for (const std::string &V : Values) {
      Args.push_back(Flag.str());
      Args.push_back(V);
    }
  }

  /// --build: runs the command in the current folder, before anything.
  Error build() {
    if (Opts.Build.empty())
      return Error::success();
    Log << "refcheck: building: " << Opts.Build << '\n';
    Log.flush();
    ProcResult R = runProcess("/bin/sh", {"-c", Opts.Build}, 3600);
    if (R.NotRun || R.Crashed || R.TimedOut || R.RC != 0)
      return err("--build: '" + Opts.Build + "' failed (" +
                 (R.Message.empty() ? "exit status " + std::to_string(R.RC)
                                    : R.Message) +
                 "): " + lastLines(R.Output, 1));
    if (Opts.Verbose)
      Log << "refcheck: built [" << format("%.1f", R.Seconds) << "s]\n";
    return Error::success();
  }

  /// The extensions the entry points name must import under Python, built
  /// for it (its ABI tag). When none of them does: one line saying what is
  /// wrong. Otherwise the entry points of the modules that do not import
  /// are left out (their findings are unmeasurable, saying why).
  Error check(std::set<std::string> &Entries) {
    if (Entries.empty())
      return Error::success();
    std::vector<std::string> Args{"--project", Opts.ProjectDir};
    addEach(Args, "--entry", Entries);
    auto V = runHelper("check", Args, 600,
                       "checking the extension's import failed");
    if (!V)
      return V.takeError();
    const json::Object *O = V->getAsObject();
    auto Reasons = [&](StringRef Key, std::map<std::string, std::string> &M) {
      if (const json::Object *B = O->getObject(Key))
        for (const auto &[E, Why] : *B)
          M[E.str()] = Why.getAsString().value_or("").str();
    };
    Reasons("blocked", Blocked);
    Reasons("unimportable", Unimportable);
    if (const json::Array *Ps = O->getArray("problems"); Ps && !Ps->empty())
      if (all_of(Entries, [&](const std::string &E) {
            return Blocked.count(E) != 0;
          }))
        return err((*Ps)[0].getAsString().value_or("").str());
    for (const auto &[E, Why] : Blocked)
      Entries.erase(E);
    if (const json::Array *Ns = O->getArray("notes"); Ns && Opts.Verbose)
      for (const json::Value &N : *Ns)
        Log << "refcheck: note: " << N.getAsString().value_or("") << '\n';
    if (const json::Array *Rs = O->getArray("roots"))
      for (const json::Value &Root : *Rs)
        if (auto S = Root.getAsString())
          ExtRoots.push_back(S->str());
    return Error::success();
  }

  /// Entry point -> tests, and test file -> all its tests.
  Expected<std::pair<std::map<std::string, std::vector<Selected>>,
                     std::map<std::string, std::vector<Selected>>>>
  index(const std::set<std::string> &Entries,
        const std::vector<std::string> &Dirs) {
    std::map<std::string, std::vector<Selected>> ByEntry, ByFile;
    if (Dirs.empty() || Entries.empty())
      return std::make_pair(ByEntry, ByFile);
    std::vector<std::string> Args;
    if (Opts.Record) {
      // Each recorded test gets the same budget as a measured one,
      // however many tests its file holds.
      for (std::string A :
           {std::string("--project"), Opts.ProjectDir,
            std::string("--record-limit"), std::to_string(Opts.RecordLimit),
            std::string("--jobs"), std::to_string(Opts.RecordJobs),
            std::string("--timeout"), std::to_string(Opts.TimeoutSeconds)})
        Args.push_back(A);
      addEach(Args, "--path", {ExtRoots.begin(), ExtRoots.end()});
    }
    addEach(Args, "--entry", Entries);
    Args.insert(Args.end(), Dirs.begin(), Dirs.end());
    auto V = runHelper(Opts.Record ? "record" : "index", Args, 0,
                       Opts.Record ? "recording tests failed"
                                   : "indexing tests failed");
    if (!V)
      return V.takeError();
    const json::Object *O = V->getAsObject();
    if (const json::Object *Es = O->getObject("entries"))
      for (const auto &[E, List] : *Es)
        if (const json::Array *A = List.getAsArray())
          for (const json::Value &T : *A)
            if (const json::Object *TO = T.getAsObject())
              ByEntry[E.str()].push_back(
                  {TO->getString("id").value_or("").str(),
                   TO->getString("kind").value_or("").str(),
                   TO->getString("root").value_or("").str(),
                   TO->getString("file").value_or("").str(),
                   TO->getString("via").value_or("static").str(),
                   TO->getNumber("seconds").value_or(-1)});
    if (Opts.Record) {
      Log << "refcheck: recorded " << O->getInteger("recorded_files").value_or(0)
          << " test files (" << O->getInteger("cached_files").value_or(0)
          << " from the cache; "
          << O->getString("candidates").value_or("").str() << "), "
          << O->getInteger("tests_recorded").value_or(0) << " tests ["
          << format("%.1f", O->getNumber("seconds").value_or(0)) << "s]\n";
      // A few problems (files that do not load, crashes) always; all
      // with -v.
      if (const json::Array *Ps = O->getArray("problems")) {
        size_t Shown = 0;
        for (const json::Value &Pr : *Ps)
          if (auto S = Pr.getAsString(); S && (Opts.Verbose || Shown < 5)) {
            Log << "refcheck: recording: " << *S << '\n';
            ++Shown;
          }
        if (Shown < Ps->size())
          Log << "refcheck: recording: " << Ps->size() - Shown
              << " more problems (-v shows them)\n";
      }
    }
    if (const json::Object *Rn = O->getObject("ran"))
      for (const auto &[Id, Info] : *Rn) {
        const json::Object *IO = Info.getAsObject();
        if (!IO)
          continue;
        RanTest &T = Ran[Id.str()];
        T.Sel = {Id.str(), IO->getString("kind").value_or("").str(),
                 IO->getString("root").value_or("").str(),
                 IO->getString("file").value_or("").str(), "call",
                 IO->getNumber("seconds").value_or(-1)};
        if (const json::Array *Es = IO->getArray("entries"))
          for (const json::Value &E : *Es)
            if (auto S = E.getAsString())
              T.Entries.insert(S->str());
      }
    std::set<std::string> RootSet;
    if (const json::Object *Fs = O->getObject("files"))
      for (const auto &[File, Info] : *Fs) {
        const json::Object *IO = Info.getAsObject();
        if (!IO)
          continue;
        std::string Root = IO->getString("root").value_or("").str();
        RootSet.insert(Root);
        if (const json::Array *Ts = IO->getArray("tests"))
          for (const json::Value &T : *Ts)
            if (auto S = T.getAsString())
              ByFile[File.str()].push_back(
                  {S->str(),
                   S->contains("::") ? "pytest" : "unittest", Root,
                   File.str()});
      }
    if (const json::Array *Rs = O->getArray("roots"))
      for (const json::Value &Root : *Rs)
        if (auto S = Root.getAsString())
          RootSet.insert(S->str());
    Roots.assign(RootSet.begin(), RootSet.end());
    return std::make_pair(ByEntry, ByFile);
  }

  /// The harness's `measure` command line for Tests, writing to Out.
  std::vector<std::string> measureArgs(const std::vector<Selected> &Tests,
                                       StringRef Out) {
    std::vector<std::string> Args{"-B",     Helper,
                                  "measure", "--out",
                                  Out.str(), "--stab",
                                  std::to_string(Opts.Stab), "--run",
                                  std::to_string(Opts.Run), "--kind",
                                  Tests.front().Kind};
    if (Opts.BlocksOnly)
      Args.push_back("--blocks-only");
    std::set<std::string> Paths(Roots.begin(), Roots.end());
    Paths.insert(ExtRoots.begin(), ExtRoots.end());
    for (const Selected &S : Tests)
      if (!S.Root.empty())
        Paths.insert(S.Root);
    for (const std::string &Pth : Paths) {
      Args.push_back("--path");
      Args.push_back(Pth);
    }
    return Args;
  }

  /// Reads one measurement the harness wrote (deltas, failures, how many
  /// tests ran) into Run, and decides whether it leaks.
  static void readMeasurement(const json::Object &O, TestRun &Run) {
    auto Ints = [&](StringRef K, std::vector<long long> &D) {
      if (const json::Array *A = O.getArray(K))
        for (const json::Value &X : *A)
          D.push_back(X.getAsInteger().value_or(0));
    };
    Ints("references", Run.Refs);
    Ints("blocks", Run.Blocks);
    Ints("fds", Run.Fds);
    Run.Outcome = "measured";
    if (const json::Array *Ps = O.getArray("problems"); Ps && !Ps->empty()) {
      Run.Outcome = "failed";
      Run.Detail = (*Ps)[0].getAsString().value_or("").str();
    }
    if (O.getInteger("tests_run").value_or(0) == 0) {
      Run.Outcome = "error";
      Run.Detail = "no test ran (is the id right?)";
    }
    decideLeaks(Run);
  }

  /// Measures Ids together in one fresh interpreter.
  TestRun measure(const std::vector<Selected> &Tests, StringRef Name) {
    TestRun Run;
    Run.Test = Name.str();
    const std::string &Kind = Tests.front().Kind;
    TempFile J(".json");
    sys::fs::remove(J.Path);
    std::vector<std::string> Args;
    bool Regrtest = Opts.UseRegrtest && Tests.size() == 1 && Kind == "unittest";
    if (Regrtest) {
      Args = regrtestArgs(Tests.front().Id, Opts.Stab, Opts.Run,
                          Tests.front().Root);
    } else {
      Args = measureArgs(Tests, J.Path);
      for (const Selected &S : Tests)
        Args.push_back(S.Id);
    }
    ProcResult R = runProcess(Python, Args, Opts.TimeoutSeconds);
    Run.Seconds = R.Seconds;
    if (R.NotRun) {
      Run.Outcome = "error";
      Run.Detail = R.Message;
    } else if (R.TimedOut) {
      Run.Outcome = "timeout";
      Run.Detail = R.Message;
    } else if (R.Crashed) {
      Run.Outcome = "crashed";
      Run.Detail = R.Message;
    } else if (Regrtest) {
      parseRegrtestOutput(R.Output, Run);
      if (StringRef(R.Output).contains(" crashed ")) {
        Run.Outcome = "crashed";
        Run.Detail = lastLines(R.Output, 1);
      } else if (Run.Refs.empty() && Run.Blocks.empty() && Run.Fds.empty()) {
        // regrtest prints deltas only for leaks.
        Run.Outcome = R.RC == 0 ? "measured" : "failed";
        Run.Detail = R.RC == 0 ? "regrtest reports no leak"
                               : lastLines(R.Output, 2);
      } else {
        Run.Outcome = "measured";
        Run.Detail = "regrtest";
      }
    } else {
      auto V = json::parse(J.read());
      const json::Object *O = V ? V->getAsObject() : nullptr;
      if (!V)
        consumeError(V.takeError());
      if (!O || R.RC != 0) {
        Run.Outcome = "error";
        Run.Detail = "exit status " + std::to_string(R.RC) + ": " +
                     lastLines(R.Output, 2);
      } else {
        readMeasurement(*O, Run);
      }
    }
    decideLeaks(Run);
    return Run;
  }

  /// Measures each test on its own, one after the other in one interpreter
  /// (the harness's `measure --each`), so a finding's candidates pay for one
  /// interpreter start, not one each. With StopOnLeak the harness stops
  /// after the first leaking test, and fewer runs than tests come back. A
  /// test that crashes the interpreter or runs out of time ends its
  /// process: it gets that outcome, and the tests after it go on in a new
  /// process.
  std::vector<TestRun> measureEach(std::vector<Selected> Tests,
                                   bool StopOnLeak) {
    std::vector<TestRun> Runs;
    // Each process's runs are printed as it ends.
    size_t Printed = 0;
    auto PrintNew = [&] {
      for (; Printed < Runs.size(); ++Printed)
        print(Runs[Printed]);
    };
    while (!Tests.empty()) {
      TempFile J(".jsonl");
      std::vector<std::string> Args = measureArgs(Tests, J.Path);
      for (std::string A : {std::string("--each"), std::string("--timeout"),
                            std::to_string(Opts.TimeoutSeconds)})
        Args.push_back(A);
      if (StopOnLeak)
        Args.push_back("--stop-on-leak");
      for (const Selected &S : Tests)
        Args.push_back(S.Id);
      // The harness's watchdog ends a test that outlives --timeout; this
      // bound is only a backstop for a harness that hangs outside a test.
      unsigned Backstop =
          Opts.TimeoutSeconds ? Opts.TimeoutSeconds * (Tests.size() + 1) : 0;
      if (Opts.Verbose) {
        Log << "refcheck: measuring " << Tests.size()
            << (Tests.size() == 1 ? " test" : " tests")
            << " in one interpreter\n";
        Log.flush();
      }
      ProcResult R = runProcess(Python, Args, Backstop);

      size_t Done = 0;
      std::string Begun;
      SmallVector<StringRef, 16> Lines;
      std::string Text = J.read();
      StringRef(Text).split(Lines, '\n', -1, false);
      for (StringRef L : Lines) {
        auto V = json::parse(L);
        const json::Object *O = V ? V->getAsObject() : nullptr;
        if (!V)
          consumeError(V.takeError());
        if (!O)
          continue;
        if (auto B = O->getString("begin")) {
          Begun = B->str();
          continue;
        }
        TestRun Run;
        Run.Test = O->getString("id").value_or("").str();
        Run.Seconds = O->getNumber("seconds").value_or(0);
        readMeasurement(*O, Run);
        Runs.push_back(std::move(Run));
        Begun.clear();
        ++Done;
      }
      bool Clean = !R.NotRun && !R.Crashed && !R.TimedOut && R.RC == 0;
      if (Clean) {
        if (Done < Tests.size() && !(StopOnLeak && !Runs.empty() &&
                                     !Runs.back().Leaked.empty())) {
          // The harness ended early without saying why.
          for (size_t I = Done; I < Tests.size(); ++I) {
            TestRun Run;
            Run.Test = Tests[I].Id;
            Run.Outcome = "error";
            Run.Detail = "the harness stopped before this test";
            Runs.push_back(std::move(Run));
          }
        }
        break;
      }
      // The process ended badly: the test it had begun takes the blame.
      TestRun Bad;
      Bad.Test = Begun.empty() ? Tests[Done].Id : Begun;
      StringRef Out(R.Output);
      if (R.TimedOut || Out.contains("Timeout (")) {
        Bad.Outcome = "timeout";
        Bad.Detail = "timed out after " +
                     std::to_string(Opts.TimeoutSeconds) + "s";
      } else if (R.Crashed) {
        Bad.Outcome = "crashed";
        Bad.Detail = R.Message;
      } else {
        Bad.Outcome = "error";
        Bad.Detail = R.NotRun ? R.Message
                              : "exit status " + std::to_string(R.RC) + ": " +
                                    lastLines(R.Output, 2);
      }
      Runs.push_back(std::move(Bad));
      if (Begun.empty() && Done == 0) {
        // Nothing began: the harness itself failed, and would again.
        for (size_t I = 1; I < Tests.size(); ++I) {
          TestRun Run = Runs.back();
          Run.Test = Tests[I].Id;
          Runs.push_back(std::move(Run));
        }
        break;
      }
      Tests.erase(Tests.begin(), Tests.begin() + Done + 1);
      PrintNew();
    }
    PrintNew();
    return Runs;
  }

  void print(const TestRun &Run) {
    if (Run.Outcome != "measured" && Run.Outcome != "failed") {
      Log << Run.Test << " " << Run.Outcome;
      if (!Run.Detail.empty())
        Log << " (" << Run.Detail << ")";
      Log << '\n';
      return;
    }
    if (!Run.Refs.empty())
      Log << leakLine(Run.Test, "references", Run.Refs) << '\n';
    if (!Run.Blocks.empty())
      Log << leakLine(Run.Test, "memory blocks", Run.Blocks) << '\n';
    if (!Run.Fds.empty())
      Log << leakLine(Run.Test, "file descriptors", Run.Fds) << '\n';
    Log << Run.Test << ": "
        << (Run.Leaked.empty() ? std::string("no leak")
                               : "LEAKS " + join(Run.Leaked, ", "));
    if (Run.Outcome == "failed" || !Run.Detail.empty())
      Log << " (" << (Run.Outcome == "failed" ? "test failed: " : "")
          << Run.Detail << ")";
    Log << " [" << format("%.1f", Run.Seconds) << "s]\n";
    Log.flush();
  }

  void measureOne(const Selected &S) { measureBatch({S}); }

  /// Measures Tests in order, until one leaks: each test once per run of
  /// confirm (the cache), and those not measured yet in one process
  /// (measureEach), except under --use-regrtest, where regrtest measures
  /// each test in a process of its own. Returns the runs, in order, up to
  /// and including the first leaking one.
  std::vector<TestRun> measureBatch(const std::vector<Selected> &Tests) {
    std::vector<TestRun> Out;
    std::vector<Selected> Fresh;
    for (const Selected &S : Tests) {
      auto It = Cache.find(S.Id);
      if (It == Cache.end())
        Fresh.push_back(S);
      else if (!It->second.Leaked.empty())
        break; // the tests after a known leak are not needed
    }
    bool Regrtest = Opts.UseRegrtest && !Fresh.empty() &&
                    Fresh.front().Kind == "unittest";
    std::vector<TestRun> Measured;
    if (Regrtest) {
      for (const Selected &S : Fresh) {
        Measured.push_back(measure({S}, S.Id));
        print(Measured.back());
        if (!Measured.back().Leaked.empty())
          break;
      }
    } else if (!Fresh.empty()) {
      Measured = measureEach(Fresh, /*StopOnLeak=*/true);
    }
    for (TestRun &Run : Measured)
      Cache.emplace(Run.Test, std::move(Run));
    for (const Selected &S : Tests) {
      auto It = Cache.find(S.Id);
      if (It == Cache.end())
        break; // after the first leak: not measured
      Out.push_back(It->second);
      if (!Out.back().Leaked.empty())
        break;
    }
    return Out;
  }

  /// Halves the leaking set of tests of one file down to a minimal one.
  void bisect(StringRef File, std::vector<Selected> Tests) {
    TestRun All = measure(Tests, sys::path::filename(File));
    if (All.Outcome != "measured" && All.Outcome != "failed") {
      Log << "bisect: " << File << ": " << All.Outcome << " (" << All.Detail
          << ")\n";
      return;
    }
    if (All.Leaked.empty()) {
      Log << "bisect: " << File << ": its " << Tests.size()
          << " tests together do not leak\n";
      return;
    }
    while (Tests.size() > 1) {
      size_t Half = Tests.size() / 2;
      std::vector<Selected> A(Tests.begin(), Tests.begin() + Half),
          B(Tests.begin() + Half, Tests.end());
      if (!measure(A, "half").Leaked.empty())
        Tests = std::move(A);
      else if (!measure(B, "half").Leaked.empty())
        Tests = std::move(B);
      else
        break; // the leak needs tests from both halves
    }
    Log << "bisect: " << File << ": minimal leaking set (" << Tests.size()
        << (Tests.size() == 1 ? " test" : " tests") << "):\n";
    for (const Selected &S : Tests)
      Log << "  " << S.Id << '\n';
  }

  /// The flagged functions a recorded test reaches (empty for a test the
  /// recording did not run).
  std::set<std::string> flaggedBy(const std::string &Test) const {
    std::set<std::string> Out;
    auto It = Ran.find(Test);
    if (It == Ran.end())
      return Out;
    for (const std::string &E : It->second.Entries)
      if (auto F = FlaggedByEntry.find(E); F != FlaggedByEntry.end())
        Out.insert(F->second.begin(), F->second.end());
    return Out;
  }

  /// The flagged functions other than Function that Test reaches.
  std::vector<std::string> othersOf(const std::string &Test,
                                    const std::string &Function) const {
    std::vector<std::string> Out;
    for (const std::string &G : flaggedBy(Test))
      if (G != Function)
        Out.push_back(G);
    return Out;
  }

  /// "pkg.test_x.Class" of "pkg.test_x.Class.test_y", "f.py::Class" of
  /// "f.py::Class::test_y": the test's class, or its file.
  static StringRef testClass(StringRef Id) {
    if (Id.contains("::"))
      return Id.rsplit("::").first;
    return Id.rsplit('.').first;
  }

  /// A control for a test that leaked running a finding: a recorded test
  /// of the same file that reaches none of the finding's entry points and
  /// no flagged function the leaker does not reach too. Same class first,
  /// then the one sharing most of the leaker's other flagged functions (it
  /// explains most), then the cheapest (to a tenth of a second: recording
  /// times below that are noise), then by id. If it leaks as much, the leak
  /// is not the finding's.
  std::optional<Selected> controlFor(const std::vector<std::string> &Reaching,
                                     const Selected &Leaker) const {
    auto L = Ran.find(Leaker.Id);
    if (L == Ran.end())
      return std::nullopt;
    std::set<std::string> LeakerFlagged = flaggedBy(Leaker.Id);
    const RanTest *Best = nullptr;
    size_t BestShared = 0;
    auto Key = [&](const RanTest &T, size_t Shared) {
      return std::make_tuple(
          testClass(T.Sel.Id) != testClass(Leaker.Id), -(long long)Shared,
          T.Sel.Seconds < 0 ? 1000000000LL : (long long)(T.Sel.Seconds * 10),
          T.Sel.Id);
    };
    for (const auto &[Id, T] : Ran) {
      if (Id == Leaker.Id || T.Sel.File != L->second.Sel.File)
        continue;
      if (any_of(Reaching, [&](const std::string &E) {
            return T.Entries.count(E) != 0;
          }))
        continue;
      std::set<std::string> Mine = flaggedBy(Id);
      if (!std::includes(LeakerFlagged.begin(), LeakerFlagged.end(),
                         Mine.begin(), Mine.end()))
        continue;
      if (!Best || Key(T, Mine.size()) < Key(*Best, BestShared)) {
        Best = &T;
        BestShared = Mine.size();
      }
    }
    if (!Best)
      return std::nullopt;
    Selected S = Best->Sel;
    S.Via = "control";
    return S;
  }

  /// The deltas of one measure ("references", "memory blocks", "file
  /// descriptors") of Run.
  static const std::vector<long long> &measureOf(const TestRun &Run,
                                                 StringRef Kind) {
    return Kind == "references"      ? Run.Refs
           : Kind == "memory blocks" ? Run.Blocks
                                     : Run.Fds;
  }

  /// Control leaks every measure Leaker leaks, at least as much.
  static bool leaksAsMuch(const TestRun &Control, const TestRun &Leaker) {
    auto Sum = [](const std::vector<long long> &D) {
      long long N = 0;
      for (long long X : D)
        N += X;
      return N;
    };
    if (Control.Leaked.empty() || Leaker.Leaked.empty())
      return false;
    for (const std::string &K : Leaker.Leaked) {
      if (!is_contained(Control.Leaked, K) ||
          Sum(measureOf(Control, K)) < Sum(measureOf(Leaker, K)))
        return false;
    }
    return true;
  }

  /// "references [1, 1, 1]" for each measure that leaked.
  static std::string deltas(const TestRun &Run) {
    std::vector<std::string> Parts;
    for (const std::string &K : Run.Leaked) {
      std::vector<std::string> Xs;
      for (long long X : measureOf(Run, K))
        Xs.push_back(std::to_string(X));
      Parts.push_back(K + " [" + join(Xs, ", ") + "]");
    }
    return join(Parts, ", ");
  }

  Error run(Results &Res) {
    if (Error E = setUp())
      return E;
    std::vector<std::string> Dirs =
        Opts.TestDirs.empty() ? defaultTestDirs(Res) : Opts.TestDirs;
    for (const std::string &D : Dirs)
      if (!sys::fs::is_directory(D))
        return err("--tests: '" + D + "' is not a folder");
    // Module init ("mod", no dot) runs once per process: repetitions cannot
    // measure it, so such names are not looked for.
    auto Repeatable = [](const Finding &F) {
      std::vector<std::string> Out;
      for (const std::string &E : F.EntryPoints)
        if (StringRef(E).contains('.'))
          Out.push_back(E);
      return Out;
    };
    std::set<std::string> Entries;
    for (const Finding &F : Res.Findings)
      for (const std::string &E : Repeatable(F)) {
        Entries.insert(E);
        FlaggedByEntry[E].insert(F.Function);
      }
    if (Error E = build())
      return E;
    if (Error E = check(Entries))
      return E;
    auto Idx = index(Entries, Dirs);
    if (!Idx)
      return Idx.takeError();
    auto &[ByEntry, ByFile] = *Idx;
    if (Opts.Verbose)
      Log << "refcheck: indexed " << ByFile.size() << " test files in "
          << join(Dirs, ", ") << '\n';

    std::set<std::string> FilesToBisect;
    for (Finding &F : Res.Findings) {
      Confirmation C;
      if (auto Why = immortalReason(F, P.Major, P.Minor)) {
        C.Status = "unmeasurable";
        C.Reason = *Why;
        Log << "refcheck: " << F.File << ":" << F.Line << ": " << F.Function
            << ": " << C.Status << " (" << C.Reason << ")\n";
        F.Confirm = std::move(C);
        continue;
      }
      if (F.EntryPoints.empty()) {
        C.Status = "no-test-found";
        C.Reason = "no Python entry point reaches '" + F.Function +
                   "' (no method table, slot or module init calls it in " +
                   "its file)";
        Log << "refcheck: " << F.File << ":" << F.Line << ": " << F.Function
            << ": " << C.Status << " (" << C.Reason << ")\n";
        F.Confirm = std::move(C);
        continue;
      }
      std::vector<std::string> Reaching = Repeatable(F);
      auto Unmeasurable = [&](std::string Why) {
        C.Status = "unmeasurable";
        C.Reason = std::move(Why);
        Log << "refcheck: " << F.File << ":" << F.Line << ": " << F.Function
            << ": " << C.Status << " (" << C.Reason << ")\n";
        F.Confirm = std::move(C);
      };
      if (Reaching.empty()) {
        Unmeasurable("only module initialization (" +
                     join(F.EntryPoints, ", ") +
                     ") reaches it; it runs once per process, so repeating "
                     "tests cannot measure it");
        continue;
      }
      // The entry points whose module does not import: another finding's
      // module may still be measured.
      std::string BlockedWhy;
      llvm::erase_if(Reaching, [&](const std::string &E) {
        auto It = Blocked.find(E);
        if (It == Blocked.end())
          return false;
        if (BlockedWhy.empty())
          BlockedWhy = It->second;
        return true;
      });
      if (Reaching.empty()) {
        Unmeasurable(BlockedWhy);
        continue;
      }
      // Every test reaching one of the entry points, with its best
      // evidence; then best evidence, cheapest, id first.
      std::map<std::string, Selected> ById;
      for (const std::string &E : Reaching)
        for (const Selected &S : ByEntry[E]) {
          auto [It, New] = ById.emplace(S.Id, S);
          if (!New && viaRank(S.Via) > viaRank(It->second.Via))
            It->second = S;
        }
      std::vector<Selected> Tests;
      for (auto &[Id, S] : ById)
        Tests.push_back(S);
      // Best evidence; then most direct (reaching the fewest other flagged
      // functions, whose leaks it would also measure); then cheapest.
      std::map<std::string, size_t> NOthers;
      for (const Selected &S : Tests)
        NOthers[S.Id] = othersOf(S.Id, F.Function).size();
      std::stable_sort(Tests.begin(), Tests.end(),
                       [&](const Selected &A, const Selected &B) {
                         if (viaRank(A.Via) != viaRank(B.Via))
                           return viaRank(A.Via) > viaRank(B.Via);
                         if (NOthers[A.Id] != NOthers[B.Id])
                           return NOthers[A.Id] < NOthers[B.Id];
                         double SA = A.Seconds < 0 ? 1e9 : A.Seconds,
                                SB = B.Seconds < 0 ? 1e9 : B.Seconds;
                         return SA < SB;
                       });
      // A module this interpreter cannot import, that only tests naming it
      // reach (no recorded test saw it run): they are skipped, and
      // measuring them would show a clean run.
      if (!Tests.empty() &&
          all_of(Reaching,
                 [&](const std::string &E) {
                   return Unimportable.count(E) != 0;
                 }) &&
          none_of(Tests, [](const Selected &S) { return viaRank(S.Via) > 0; })) {
        Unmeasurable(Unimportable[Reaching.front()]);
        continue;
      }
      for (const Selected &S : Tests)
        C.Reaching.push_back({S.Id, S.Via, S.Seconds});
      if (Tests.empty()) {
        C.Status = "no-test-found";
        std::vector<std::string> Ways;
        for (const std::string &E : Reaching)
          Ways.push_back(wouldReach(E));
        C.WouldReach = join(Ways, "; or ");
        C.Reason = "no test in " +
                   (Dirs.empty() ? std::string("(no test folder)")
                                 : join(Dirs, ", ")) +
                   " uses " + join(Reaching, ", ");
        Log << "refcheck: " << F.File << ":" << F.Line << ": " << F.Function
            << ": " << C.Status << " (" << C.Reason << ")\n";
        F.Confirm = std::move(C);
        continue;
      }
      std::map<std::string, unsigned> ByVia;
      for (const Selected &S : Tests)
        ++ByVia[S.Via];
      std::string How;
      for (const char *V : {"call", "slot", "type", "static"})
        if (ByVia.count(V))
          How += (How.empty() ? "" : ", ") + std::to_string(ByVia[V]) + " " +
                 V;
      Log << "refcheck: " << F.File << ":" << F.Line << ": " << F.Function
          << ": " << Tests.size() << (Tests.size() == 1 ? " test" : " tests")
          << " reach " << join(Reaching, ", ") << " (" << How << ")\n";
      if (F.Impact == ImpactClass::AllocationFailure) {
        // No test makes an allocation fail: measuring would show nothing.
        Unmeasurable("it happens only " +
                     (F.ImpactReason.empty() ? std::string("when an "
                                                           "allocation fails")
                                             : F.ImpactReason) +
                     ", which no test makes happen");
        continue;
      }
      // Best evidence and cheapest first, until one leaks or the budget
      // is spent; the tests not measured yet run in one process. A test
      // that leaks is checked against a control that does not reach the
      // function: if that leaks as much, the leak is elsewhere and the
      // next tests are measured.
      bool Confirmed = false;
      std::vector<std::string> Elsewhere;
      std::vector<Selected> Budgeted(
          Tests.begin(),
          Tests.begin() + std::min<size_t>(Tests.size(), Opts.MaxTests));
      for (size_t I = 0; I < Budgeted.size() && !Confirmed;) {
        std::vector<TestRun> Runs = measureBatch(
            std::vector<Selected>(Budgeted.begin() + I, Budgeted.end()));
        if (Runs.empty())
          break;
        for (const TestRun &Run : Runs) {
          FilesToBisect.insert(Budgeted[I].File);
          C.Tests.push_back(Run);
          ++I;
        }
        const TestRun Leaker = C.Tests.back();
        if (Leaker.Leaked.empty())
          break;
        const Selected &LS = Budgeted[I - 1];
        if (auto Control = controlFor(Reaching, LS)) {
          std::vector<TestRun> CR = measureBatch({*Control});
          if (!CR.empty()) {
            C.Tests.push_back(CR.front());
            C.Tests.back().Control = true;
            if (leaksAsMuch(CR.front(), Leaker)) {
              Elsewhere.push_back(LS.Id + " leaked (" + deltas(Leaker) +
                                  ") and so did " + Control->Id +
                                  ", which does not reach it (" +
                                  deltas(CR.front()) +
                                  "): the leak is elsewhere");
              continue;
            }
          }
        }
        Confirmed = true;
        std::vector<std::string> Others = othersOf(LS.Id, F.Function);
        if (!Others.empty())
          C.Reason = LS.Id + " also reaches " +
                     std::to_string(Others.size()) + " other flagged " +
                     (Others.size() == 1 ? "function" : "functions") + " (" +
                     join(Others, ", ") + "): the leak may be theirs";
      }
      if (!Confirmed) {
        C.Reason = join(Elsewhere, "; ");
        if (Tests.size() > Budgeted.size())
          C.Reason += (C.Reason.empty() ? "" : "; ") + std::string("measured ") +
                      std::to_string(Opts.MaxTests) + " of " +
                      std::to_string(Tests.size()) +
                      " reaching tests (--max-tests), " +
                      (Elsewhere.empty() ? "none leaked"
                                         : "no other leaked");
      }
      C.Status = Confirmed ? "confirmed" : "not-reproduced";
      if (!C.Reason.empty() && Opts.Verbose)
        Log << "refcheck: " << F.File << ":" << F.Line << ": " << F.Function
            << ": " << C.Status << " (" << C.Reason << ")\n";
      F.Confirm = std::move(C);
    }

    for (const std::string &Id : Opts.ExtraTests)
      measureOne({Id, StringRef(Id).contains("::") ? "pytest" : "unittest",
                  "", ""});

    if (Opts.BisectTests)
      for (const std::string &File : FilesToBisect)
        bisect(File, ByFile[File]);
    return Error::success();
  }
};
} // namespace

Error refcheck::confirmFindings(Results &R, const ConfirmOptions &Opts,
                                raw_ostream &Log) {
  Confirmer C(Opts, Log);
  return C.run(R);
}
