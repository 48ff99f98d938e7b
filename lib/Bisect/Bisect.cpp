//===- Bisect.cpp - Find the commit that introduced a finding -------------===//
//
// The user's checkout is only ever read; the one write is git's bookkeeping
// for the temporary worktree (.git/worktrees/NAME). Each revision is checked
// out in that worktree, under a temporary folder; both are removed when
// run() returns, on success, error or interrupt (see Process.cpp). Git is
// driven with explicit argument vectors, never through a shell.
//
//===----------------------------------------------------------------------===//
#include "Process.h"
#include "refcheck/Bisect.h"
#include "refcheck/Flags.h"
#include "refcheck/SourceText.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <map>

using namespace llvm;
using namespace refcheck;
using namespace refcheck::bisect;

//===----------------------------------------------------------------------===//
// Targets and verdicts
//===----------------------------------------------------------------------===//

bool Target::matches(const Finding &F) const {
  if (!FindingId.empty())
    return F.Id == FindingId ||
           (Seen && F.Check == Seen->Check && F.Function == Seen->Function &&
            F.Origin == Seen->Origin);
  return F.Function == Function && (Check.empty() || F.Check == Check);
}

std::string Target::function() const {
  if (!Function.empty())
    return Function;
  return Seen ? Seen->Function : "";
}

/// The same finding under another function name: same check, origin and
/// message (the message names variables and callees, not the function).
static bool sameFinding(const Finding &F, const Finding &Seen) {
  return F.Check == Seen.Check && F.Origin == Seen.Origin &&
         F.Message == Seen.Message;
}

/// A finding that may be the target's, changed: the target's check, and its
/// origin or its message when the target was seen.
static bool similarFinding(const Finding &F, const Target &T) {
  if (!T.Seen)
    return T.Check.empty() || F.Check == T.Check;
  return F.Check == T.Seen->Check &&
         (F.Origin == T.Seen->Origin || F.Message == T.Seen->Message);
}

static bool definedIn(const std::vector<std::string> &Files, StringRef Fn) {
  return llvm::any_of(Files, [&](const std::string &F) {
    std::optional<SourceLines> Src = readSourceLines(F);
    return !Src || definesFunction(*Src, Fn);
  });
}

static bool anyDefinedIn(const std::vector<std::string> &Files,
                         const std::vector<std::string> &Names) {
  return llvm::any_of(Names,
                      [&](const std::string &N) { return definedIn(Files, N); });
}

std::string Target::describe() const {
  if (!FindingId.empty())
    return "finding " + FindingId;
  return (Check.empty() ? std::string("a finding") : "a " + Check + " finding") +
         " in '" + Function + "'";
}

StringRef bisect::toString(Verdict V) {
  switch (V) {
  case Verdict::Good: return "good";
  case Verdict::Bad: return "bad";
  case Verdict::Skip: return "skip";
  case Verdict::Absent: return "absent";
  }
  return "skip";
}

namespace {

Error err(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Msg);
}

std::string firstLine(StringRef S) {
  return S.trim().split('\n').first.trim().str();
}

std::string readFile(StringRef Path) {
  auto B = MemoryBuffer::getFile(Path, /*IsText=*/false,
                                 /*RequiresNullTerminator=*/false);
  return B ? (*B)->getBuffer().str() : std::string();
}

std::string joinPath(StringRef A, StringRef B) {
  SmallString<256> P(A);
  sys::path::append(P, B);
  return P.str().str();
}

/// The absolute, symlink-free form of Path, which need not exist: the
/// nearest existing ancestor is resolved and the rest appended.
std::string realish(StringRef Path) {
  SmallString<256> Abs(Path);
  sys::fs::make_absolute(Abs);
  sys::path::remove_dots(Abs, true);
  SmallString<256> Head(Abs), Real;
  std::vector<std::string> Tail;
  while (!Head.empty() && sys::fs::real_path(Head, Real)) {
    Tail.push_back(sys::path::filename(Head).str());
    StringRef Parent = sys::path::parent_path(Head);
    if (Parent == Head)
      return Abs.str().str();
    Head = Parent;
  }
  for (auto I = Tail.rbegin(); I != Tail.rend(); ++I)
    sys::path::append(Real, *I);
  return Real.str().str();
}

/// Replaces From by To where From is a whole leading path component run:
/// at the start of S or after '=' (as in -I/x or --sysroot=/x), followed by
/// '/' or the end.
std::string replaceRoot(StringRef S, StringRef From, StringRef To) {
  std::string Out;
  size_t I = 0;
  while (I < S.size()) {
    size_t J = S.find(From, I);
    if (J == StringRef::npos)
      break;
    size_t End = J + From.size();
    bool EndOk = End == S.size() || S[End] == '/';
    bool StartOk = J == 0 || S[J - 1] == '=' || S[J - 1] == ' ' ||
                   (J >= 2 && S[0] == '-' && J == 2);
    Out += S.slice(I, J);
    Out += (EndOk && StartOk) ? To : From;
    I = End;
  }
  Out += S.substr(I);
  return Out;
}

std::string replaceAll(StringRef S, StringRef From, StringRef To) {
  std::string Out;
  while (true) {
    auto [Head, Tail] = S.split(From);
    Out += Head;
    if (Head.size() == S.size())
      return Out;
    Out += To;
    S = Tail;
  }
}

/// The file and its former names, from `git log --follow`.
struct FileHistory {
  std::string UserPath; ///< as the user named it
  std::string UserAbs;  ///< absolute, in the user's checkout
  std::string Rel;      ///< relative to the repository root, at --bad
  struct Rename {
    std::string Sha, Old, New;
  };
  std::vector<Rename> Renames; ///< newest first
  std::string AddedIn;         ///< the commit that created it, if known
};

/// Temporary folder, git runner, and the worktree; the destructor removes
/// everything this run created.
class Session {
public:
  std::string Tmp, GitExe, Repo, CommonDir, Worktree, AdminDir;

  ~Session() { cleanup(); }

  Error init() {
    auto G = sys::findProgramByName("git");
    if (!G)
      return err("cannot find 'git' on PATH");
    GitExe = *G;
    SmallString<256> P;
    if (std::error_code EC =
            sys::fs::createUniqueDirectory("refcheck-bisect", P))
      return err("cannot create a temporary folder: " + EC.message());
    Tmp = realish(P);
    return Error::success();
  }

  struct GitResult {
    int Code = -1;
    std::string Out, Err;
  };

  GitResult git(StringRef Dir, ArrayRef<std::string> Args,
                bool Cleanup = false) {
    // No hooks: a post-checkout hook of the user's must not run here.
    std::vector<std::string> Argv = {"git",
                                     "-C",
                                     Dir.str(),
                                     "-c",
                                     "core.hooksPath=/dev/null",
                                     "-c",
                                     "advice.detachedHead=false"};
    Argv.insert(Argv.end(), Args.begin(), Args.end());
    std::string OutP = joinPath(Tmp, "git.out"), ErrP = joinPath(Tmp, "git.err");
    ProcessStatus S = runProgram(GitExe, Argv, StringRef(OutP),
                                 StringRef(ErrP), false, Cleanup);
    GitResult R;
    R.Code = S.Code;
    R.Out = readFile(OutP);
    R.Err = S.Code < 0 ? S.Message : readFile(ErrP);
    return R;
  }

  Expected<std::string> gitOk(StringRef Dir, ArrayRef<std::string> Args) {
    GitResult R = git(Dir, Args);
    if (interruptedBy())
      return interruptedError();
    if (R.Code != 0)
      return err("git " + Args[0] + " failed: " + firstLine(R.Err));
    return R.Out;
  }

  Expected<std::string> gitLine(StringRef Dir, ArrayRef<std::string> Args) {
    auto Out = gitOk(Dir, Args);
    if (!Out)
      return Out.takeError();
    return StringRef(*Out).trim().str();
  }

  void cleanup() {
    if (!Worktree.empty()) {
      git(Repo, {"worktree", "remove", "--force", "--force", Worktree},
          /*Cleanup=*/true);
      if (sys::fs::exists(Worktree))
        sys::fs::remove_directories(Worktree);
      // If git could not remove its bookkeeping (it was interrupted, say),
      // remove ours, and only ours: not `git worktree prune`, which would
      // also drop the user's own stale entries.
      if (!AdminDir.empty() && sys::fs::is_directory(AdminDir))
        sys::fs::remove_directories(AdminDir);
      removeAdminDirsPointingHere();
      Worktree.clear();
    }
    if (!Tmp.empty()) {
      sys::fs::remove_directories(Tmp);
      Tmp.clear();
    }
  }

private:
  void removeAdminDirsPointingHere() {
    if (CommonDir.empty())
      return;
    std::string Dir = joinPath(CommonDir, "worktrees");
    std::error_code EC;
    std::vector<std::string> Doomed;
    for (sys::fs::directory_iterator I(Dir, EC), E; I != E && !EC;
         I.increment(EC)) {
      std::string GitDir = StringRef(readFile(joinPath(I->path(), "gitdir")))
                               .trim()
                               .str();
      if (GitDir == joinPath(Worktree, ".git"))
        Doomed.push_back(I->path());
    }
    for (const std::string &D : Doomed)
      sys::fs::remove_directories(D);
  }
};

//===----------------------------------------------------------------------===//
// Running one analysis and reading its verdict
//===----------------------------------------------------------------------===//

/// Runs `refcheck --format=json` on Files and judges the result.
/// StripPrefix, when set, is removed from reported paths (the worktree).
/// ChildCwd, when set, is the folder the analysis runs in: the worktree's
/// counterpart of the user's current folder, so that relative paths in
/// compiler arguments mean there what they mean in the user's checkout.
Judgement analyze(Session &S, const std::vector<std::string> &Files,
                  const std::vector<std::string> &Missing,
                  const std::optional<std::string> &Db, const Target &T,
                  const AnalysisOptions &A, StringRef StripPrefix,
                  StringRef ChildCwd = "") {
  Judgement J;
  if (Files.empty()) {
    J.Reason = Missing.empty() ? "no files"
                               : "'" + Missing.front() + "' does not exist";
    return J;
  }
  std::string OutP = joinPath(S.Tmp, "analysis.json");
  std::string ErrP = joinPath(S.Tmp, "analysis.err");
  sys::fs::remove(OutP);
  // A baseline (in the revision's .refcheck.yaml) would hide accepted
  // findings, and bisect looks for a finding whether accepted or not: an
  // empty refcheck document overrides it.
  std::string NoBaseline = joinPath(S.Tmp, "no-baseline.json");
  {
    std::error_code EC;
    raw_fd_ostream OS(NoBaseline, EC);
    OS << "{\"version\": 1, \"files_analyzed\": 0, \"findings\": [], "
          "\"errors\": []}\n";
  }
  std::vector<std::string> Argv = {A.Refcheck, "--format=json", "-o", OutP,
                                   "--baseline=" + NoBaseline};
  if (Db)
    Argv.push_back("-p=" + *Db);
  Argv.insert(Argv.end(), A.PassThrough.begin(), A.PassThrough.end());
  Argv.insert(Argv.end(), Files.begin(), Files.end());
  if (!A.TrailingArgs.empty()) {
    Argv.push_back("--");
    Argv.insert(Argv.end(), A.TrailingArgs.begin(), A.TrailingArgs.end());
  }
  std::string Program = A.Refcheck;
  if (!ChildCwd.empty()) {
    auto Env = sys::findProgramByName("env");
    if (!Env) {
      J.Reason = "cannot find 'env' on PATH";
      return J;
    }
    Program = *Env;
    Argv.insert(Argv.begin(), {"env", "-C", ChildCwd.str()});
  }
  ProcessStatus P = runProgram(Program, Argv, StringRef(""), StringRef(ErrP));
  J.CpuSeconds = P.CpuSeconds;
  if (interruptedBy()) {
    J.Reason = "interrupted";
    return J;
  }
  // -1: not started; 126/127: `env` could not start it (refcheck itself
  // never exits so).
  if (P.Code == -1 || P.Code == 126 || P.Code == 127) {
    J.Reason = "cannot run '" + A.Refcheck + "': " +
               (P.Code == -1 ? P.Message : firstLine(readFile(ErrP)));
    J.Fatal = true;
    return J;
  }
  if (P.Code < 0 || P.Code > 2) {
    J.Reason = "the analysis crashed (" +
               (P.Code < 0 ? P.Message : "exit " + std::to_string(P.Code)) +
               ")";
    return J;
  }
  Expected<Results> R = parseJsonResults(readFile(OutP));
  if (!R) {
    consumeError(R.takeError());
    std::string E = firstLine(readFile(ErrP));
    StringRef Short(E);
    Short.consume_front("refcheck: error: ");
    J.Reason = Short.empty() ? "no analysis output" : Short.str();
    return J;
  }
  SmallString<256> Cwd(ChildCwd);
  if (Cwd.empty())
    sys::fs::current_path(Cwd);
  auto Show = [&](std::string &Path) {
    if (StripPrefix.empty())
      return;
    SmallString<256> P(Path);
    sys::fs::make_absolute(Cwd, P);
    sys::path::remove_dots(P, true);
    StringRef Rest(P);
    if (Rest.consume_front(StripPrefix) && Rest.consume_front("/"))
      Path = Rest.str();
  };
  for (Finding &F : R->Findings) {
    Show(F.File);
    for (PathStep &St : F.Path)
      Show(St.File);
    if (T.matches(F))
      J.Matches.push_back(F);
  }
  if (!J.Matches.empty()) {
    J.V = Verdict::Bad;
    for (const Finding &F : R->Findings)
      J.InFunction += F.Function == J.Matches.front().Function;
    return J;
  }
  if (!R->Errors.empty()) {
    refcheck::FileError E = R->Errors.front();
    Show(E.File);
    J.Reason = E.File + ": " + E.Message;
    if (!StripPrefix.empty()) // clang's message names the worktree path too
      J.Reason = replaceAll(J.Reason, (StripPrefix + "/").str(), "");
    return J;
  }
  if (!Missing.empty()) {
    J.Reason = "'" + Missing.front() + "' does not exist";
    return J;
  }
  if (R->FilesAnalyzed == 0) {
    // E.g. the revision's .refcheck.yaml excludes the file.
    J.Reason = "no file was analyzed (excluded by a .refcheck.yaml?)";
    return J;
  }
  // No finding in the function: good only if the function is there.
  std::string Fn = T.function();
  if (!Fn.empty() && !definedIn(Files, Fn)) {
    if (T.Seen)
      for (const Finding &F : R->Findings)
        if (sameFinding(F, *T.Seen))
          J.Matches.push_back(F);
    if (!J.Matches.empty()) {
      J.V = Verdict::Bad;
      J.FollowedFrom = J.Matches.front().Function;
      J.Reason = "'" + Fn + "' does not exist; the same finding is in '" +
                 J.FollowedFrom + "'";
      for (const Finding &F : R->Findings)
        J.InFunction += F.Function == J.FollowedFrom;
      return J;
    }
    // Under a name it had, without the finding: good.
    if (anyDefinedIn(Files, T.Aliases)) {
      J.V = Verdict::Good;
      return J;
    }
    for (const Finding &F : R->Findings)
      if (similarFinding(F, T) && !llvm::is_contained(J.SameFindingIn,
                                                      F.Function))
        J.SameFindingIn.push_back(F.Function);
    J.V = Verdict::Absent;
    J.Reason = "'" + Fn + "' does not exist (renamed?)";
    if (!J.SameFindingIn.empty())
      J.Reason += "; a finding like it is in '" +
                  join(J.SameFindingIn, "', '") + "'";
    return J;
  }
  J.V = Verdict::Good;
  return J;
}

//===----------------------------------------------------------------------===//
// The bisection
//===----------------------------------------------------------------------===//

class Bisector {
  const Options &Opts;
  Session S;
  std::vector<FileHistory> Files;
  /// The compile database to map onto the worktree, parsed.
  std::optional<json::Array> Db;
  std::map<std::pair<std::string, std::string>, bool> AncestorCache;
  std::map<std::string, Judgement> Judged;
  Result R;
  /// Opts.T, and the finding once --bad has shown it.
  Target T;

public:
  explicit Bisector(const Options &O) : Opts(O), T(O.T) {}

  Expected<Result> run();

private:
  Error setUp();
  Error loadHistory(FileHistory &H, StringRef BadSha);
  Error loadDatabase();
  Expected<bool> isAncestor(StringRef A, StringRef B);
  Expected<std::string> nameAt(const FileHistory &H, StringRef Sha);
  Expected<std::optional<std::string>>
  writeDatabase(const std::vector<std::pair<std::string, std::string>> &Map);
  Expected<Judgement> judge(StringRef Sha, StringRef Kind);
  Expected<Judgement> judgeStatic(StringRef Sha, Step &St);
  Expected<Judgement> judgeDynamic(StringRef Sha);
  Expected<CommitInfo> commitInfo(StringRef Sha);
  Expected<std::string> resolve(StringRef Rev, StringRef Flag);
};

Expected<std::string> Bisector::resolve(StringRef Rev, StringRef Flag) {
  if (Rev.empty())
    return err("--" + Flag + " needs a revision");
  if (Rev.starts_with("-"))
    return err("--" + Flag + ": '" + Rev + "' is not a revision");
  Session::GitResult G =
      S.git(S.Repo, {"rev-parse", "--verify", "--quiet", "--end-of-options",
                     (Rev + "^{commit}").str()});
  if (interruptedBy())
    return interruptedError();
  if (G.Code != 0)
    return err("--" + Flag + ": unknown revision '" + Rev +
               "' (not a commit in this repository)");
  return StringRef(G.Out).trim().str();
}

Expected<bool> Bisector::isAncestor(StringRef A, StringRef B) {
  if (A == B)
    return true;
  auto Key = std::make_pair(A.str(), B.str());
  auto It = AncestorCache.find(Key);
  if (It != AncestorCache.end())
    return It->second;
  Session::GitResult G =
      S.git(S.Repo, {"merge-base", "--is-ancestor", A.str(), B.str()});
  if (interruptedBy())
    return interruptedError();
  if (G.Code != 0 && G.Code != 1)
    return err("git merge-base failed: " + firstLine(G.Err));
  return AncestorCache[Key] = G.Code == 0;
}

Error Bisector::loadHistory(FileHistory &H, StringRef BadSha) {
  // Every commit that touched the file, following renames, newest first.
  auto Log = S.gitOk(S.Repo, {"log", "--follow", "--name-status", "-M",
                              "--format=@%H", BadSha.str(), "--", H.Rel});
  if (!Log)
    return Log.takeError();
  SmallVector<StringRef> Lines;
  StringRef(*Log).split(Lines, '\n', -1, false);
  std::string Sha, LastSha, LastStatus;
  for (StringRef L : Lines) {
    if (L.consume_front("@")) {
      Sha = L.trim().str();
      continue;
    }
    SmallVector<StringRef, 3> Parts;
    L.split(Parts, '\t');
    if (Parts.size() < 2 || Sha.empty())
      continue;
    if (Parts[0].starts_with("R") && Parts.size() == 3)
      H.Renames.push_back({Sha, Parts[1].str(), Parts[2].str()});
    LastSha = Sha;
    LastStatus = Parts[0].str();
  }
  if (LastStatus == "A")
    H.AddedIn = LastSha;
  return Error::success();
}

Expected<std::string> Bisector::nameAt(const FileHistory &H, StringRef Sha) {
  // The name after the newest rename that Sha contains.
  std::string Name = H.Rel;
  for (const FileHistory::Rename &Rn : H.Renames) {
    auto Has = isAncestor(Rn.Sha, Sha);
    if (!Has)
      return Has.takeError();
    if (*Has)
      return Name;
    Name = Rn.Old;
  }
  return Name;
}

Error Bisector::loadDatabase() {
  std::string Path;
  if (Opts.Analysis.BuildDir) {
    Path = *Opts.Analysis.BuildDir;
    if (!StringRef(Path).ends_with(".json"))
      Path = joinPath(Path, "compile_commands.json");
    if (!sys::fs::exists(Path))
      return err("no compile_commands.json at '" + Path + "'");
  } else if (Opts.Analysis.TrailingArgs.empty() && !Files.empty()) {
    // As a normal run would: the nearest database above the file, in the
    // user's checkout (a build folder is rarely tracked by git).
    std::optional<std::string> Dir =
        findFolderAbove(Files.front().UserAbs, "compile_commands.json");
    if (!Dir)
      return Error::success();
    Path = joinPath(*Dir, "compile_commands.json");
  } else {
    return Error::success();
  }
  Expected<json::Value> V = json::parse(readFile(Path));
  if (!V) {
    std::string M = toString(V.takeError());
    return err("cannot read compile database '" + Path + "': " + M);
  }
  json::Array *A = V->getAsArray();
  if (!A)
    return err("cannot read compile database '" + Path +
               "': expected an array of entries");
  // An auto-detected database that does not list the file is not used, as
  // in a normal run.
  if (!Opts.Analysis.BuildDir) {
    bool Lists = false;
    for (const json::Value &E : *A) {
      const json::Object *O = E.getAsObject();
      if (!O)
        continue;
      auto Dir = O->getString("directory");
      auto File = O->getString("file");
      if (!Dir || !File)
        continue;
      SmallString<256> P(*File);
      sys::fs::make_absolute(*Dir, P);
      Lists |= realish(P) == Files.front().UserAbs;
    }
    if (!Lists)
      return Error::success();
  }
  Db = std::move(*A);
  return Error::success();
}

/// Writes the database with the user's checkout mapped onto the worktree,
/// and each renamed file (user path -> path at this revision) mapped to its
/// name there. Returns its folder.
Expected<std::optional<std::string>> Bisector::writeDatabase(
    const std::vector<std::pair<std::string, std::string>> &Renamed) {
  if (!Db)
    return std::nullopt;
  json::Array Out;
  BumpPtrAllocator Alloc;
  StringSaver Saver(Alloc);
  for (const json::Value &E : *Db) {
    const json::Object *O = E.getAsObject();
    if (!O)
      continue;
    auto Dir = O->getString("directory");
    auto File = O->getString("file");
    if (!Dir || !File)
      continue;
    auto MapAbs = [&](StringRef P) -> std::optional<std::string> {
      SmallString<256> Abs(P);
      sys::fs::make_absolute(*Dir, Abs);
      sys::path::remove_dots(Abs, true);
      for (const auto &[From, To] : Renamed)
        if (Abs == From)
          return To;
      return std::nullopt;
    };
    std::string NewDir = replaceRoot(*Dir, S.Repo, S.Worktree);
    std::string NewFile = MapAbs(*File).value_or(
        replaceRoot(*File, S.Repo, S.Worktree));
    SmallVector<const char *> Toks;
    if (const json::Array *Args = O->getArray("arguments")) {
      for (const json::Value &Arg : *Args)
        if (auto Str = Arg.getAsString())
          Toks.push_back(Saver.save(*Str).data());
    } else if (auto Cmd = O->getString("command")) {
      cl::TokenizeGNUCommandLine(*Cmd, Saver, Toks);
    }
    json::Array Args;
    for (size_t I = 0; I < Toks.size(); ++I) {
      StringRef T(Toks[I]);
      std::optional<std::string> Mapped;
      if (I > 0 && !T.starts_with("-"))
        Mapped = MapAbs(T);
      Args.push_back(Mapped ? *Mapped : replaceRoot(T, S.Repo, S.Worktree));
    }
    // The build folder of an in-tree build is not tracked: make it, inside
    // the worktree, so the compile can change into it.
    if (StringRef(NewDir).starts_with(S.Worktree + "/"))
      sys::fs::create_directories(NewDir);
    Out.push_back(json::Object{{"directory", NewDir},
                               {"file", NewFile},
                               {"arguments", std::move(Args)}});
  }
  std::string DbDir = joinPath(S.Tmp, "db");
  if (std::error_code EC = sys::fs::create_directories(DbDir))
    return err("cannot create '" + DbDir + "': " + EC.message());
  std::error_code EC;
  raw_fd_ostream OS(joinPath(DbDir, "compile_commands.json"), EC);
  if (EC)
    return err("cannot write the mapped compile database: " + EC.message());
  OS << json::Value(std::move(Out));
  return std::optional<std::string>(DbDir);
}

Expected<Judgement> Bisector::judgeStatic(StringRef Sha, Step &St) {
  std::vector<std::string> Present, Missing;
  std::vector<std::pair<std::string, std::string>> Renamed;
  for (const FileHistory &H : Files) {
    auto Name = nameAt(H, Sha);
    if (!Name)
      return Name.takeError();
    if (St.File.empty())
      St.File = *Name;
    std::string InTree = joinPath(S.Worktree, *Name);
    if (sys::fs::is_regular_file(InTree)) {
      Present.push_back(InTree);
      Renamed.push_back({joinPath(S.Worktree, H.Rel), InTree});
      Renamed.push_back({H.UserAbs, InTree});
    } else {
      Missing.push_back(*Name);
    }
  }
  auto DbDir = writeDatabase(Renamed);
  if (!DbDir)
    return DbDir.takeError();
  // The user's current folder, in the worktree (made if this revision does
  // not have it).
  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  std::string Here = realish(Cwd), ChildCwd = S.Worktree;
  StringRef Rest(Here);
  if (Rest.consume_front(S.Repo) && (Rest.empty() || Rest.consume_front("/")) &&
      !Rest.empty())
    ChildCwd = joinPath(S.Worktree, Rest);
  sys::fs::create_directories(ChildCwd);
  Judgement J = analyze(S, Present, Missing, *DbDir, T, Opts.Analysis,
                        S.Worktree, ChildCwd);
  if (interruptedBy())
    return interruptedError();
  if (J.Fatal)
    return err(J.Reason);
  return J;
}

Expected<Judgement> Bisector::judgeDynamic(StringRef Sha) {
  Judgement J;
  std::string Log = joinPath(S.Tmp, "dynamic.log");
  auto Env = sys::findProgramByName("env");
  if (!Env)
    return err("cannot find 'env' on PATH");
  auto Shell = [&](StringRef Cmd) {
    std::vector<std::string> Argv = {"env", "-C", S.Worktree, "/bin/sh", "-c",
                                     Cmd.str()};
    return runProgram(*Env, Argv, StringRef(Log), StringRef(Log),
                      /*OwnSession=*/true);
  };
  if (!Opts.BuildCommand.empty()) {
    ProcessStatus B = Shell(Opts.BuildCommand);
    J.CpuSeconds += B.CpuSeconds;
    if (interruptedBy())
      return interruptedError();
    if (B.Code != 0) {
      J.Reason = "the build command " +
                 (B.Code < 0 ? "was " + B.Message
                             : "exited " + std::to_string(B.Code));
      return J;
    }
  }
  ProcessStatus C = Shell(Opts.ConfirmCommand);
  J.CpuSeconds += C.CpuSeconds;
  if (interruptedBy())
    return interruptedError();
  if (C.Code < 0 || C.Code > 127)
    return err("the confirm command " +
               (C.Code < 0 ? "was " + C.Message
                           : "exited " + std::to_string(C.Code)) +
               " at " + Sha.substr(0, 12) +
               ": stopping, as `git bisect run` does for statuses above 127");
  if (C.Code == 125) {
    J.Reason = "the confirm command exited 125";
    return J;
  }
  J.V = C.Code == 0 ? Verdict::Good : Verdict::Bad;
  if (C.Code != 0)
    J.Reason = "the confirm command exited " + std::to_string(C.Code);
  return J;
}

Expected<Judgement> Bisector::judge(StringRef Sha, StringRef Kind) {
  auto Start = std::chrono::steady_clock::now();
  Step St;
  St.Sha = Sha.str();
  St.Kind = Kind.str();
  Session::GitResult Co = S.git(
      S.Worktree, {"checkout", "--detach", "--force", "--quiet", Sha.str()});
  if (interruptedBy())
    return interruptedError();
  Expected<Judgement> J = Judgement();
  if (Co.Code != 0) {
    // A tree git cannot check out (a missing object, a failing filter) is
    // skipped, as `git bisect skip` would.
    J->Reason = "git checkout failed: " + firstLine(Co.Err);
  } else {
    J = Opts.Dynamic ? judgeDynamic(Sha) : judgeStatic(Sha, St);
    if (!J)
      return J.takeError();
  }
  St.V = J->V;
  St.Reason = J->Reason;
  St.FollowedFrom = J->FollowedFrom;
  St.CpuSeconds = J->CpuSeconds;
  St.Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                             Start)
                   .count();
  R.Steps.push_back(St);
  if (Opts.Progress) {
    auto Subject = S.gitLine(S.Repo, {"log", "-1", "--format=%s", St.Sha});
    std::string Subj = Subject ? *Subject : "";
    if (!Subject)
      consumeError(Subject.takeError());
    *Opts.Progress << "refcheck: bisect: step " << R.Steps.size() << " ("
                   << Kind << "): " << Sha.substr(0, 12) << " " << Subj << ": "
                   << toString(St.V);
    if (!St.Reason.empty())
      *Opts.Progress << " (" << St.Reason << ")";
    *Opts.Progress << format(" [%.2f s, cpu %.2f s]", St.Seconds,
                             St.CpuSeconds)
                   << '\n';
    Opts.Progress->flush();
  }
  Judged[Sha.str()] = *J;
  return J;
}

Expected<CommitInfo> Bisector::commitInfo(StringRef Sha) {
  auto Out = S.gitOk(S.Repo, {"show", "-s", "--format=%H%x00%an%x00%ae%x00%aI%x00%s",
                              Sha.str()});
  if (!Out)
    return Out.takeError();
  SmallVector<StringRef, 5> Parts;
  StringRef(*Out).trim().split(Parts, '\0');
  CommitInfo C;
  if (Parts.size() == 5) {
    C.Sha = Parts[0].str();
    C.Author = Parts[1].str();
    C.Email = Parts[2].str();
    C.Date = Parts[3].str();
    C.Subject = Parts[4].str();
  } else {
    C.Sha = Sha.str();
  }
  return C;
}

Error Bisector::setUp() {
  if (Error E = S.init())
    return E;
  Session::GitResult Top = S.git(".", {"rev-parse", "--show-toplevel"});
  if (interruptedBy())
    return interruptedError();
  if (Top.Code != 0)
    return err("not inside a git working tree (run refcheck bisect in the "
               "repository)");
  S.Repo = realish(StringRef(Top.Out).trim());
  auto Common = S.gitLine(S.Repo, {"rev-parse", "--path-format=absolute",
                                   "--git-common-dir"});
  if (!Common)
    return Common.takeError();
  S.CommonDir = *Common;
  return Error::success();
}

Expected<Result> Bisector::run() {
  auto Start = std::chrono::steady_clock::now();
  if (Opts.Dynamic && Opts.ConfirmCommand.empty())
    return err("--dynamic needs --confirm=COMMAND");
  if (!Opts.Dynamic && Opts.Files.empty())
    return err("no input files (usage: refcheck bisect --good REV --bad REV "
               "[--finding ID | --function NAME] FILE...)");
  if (!Opts.Dynamic && Opts.T.FindingId.empty() && Opts.T.Function.empty())
    return err("say which finding to bisect: --finding=ID or --function=NAME");
  if (Opts.Dynamic && Opts.Good.empty())
    return err("--dynamic needs --good=REV");
  if (Error E = setUp())
    return E;

  auto Bad = resolve(Opts.Bad, "bad");
  if (!Bad)
    return Bad.takeError();
  R.BadSha = *Bad;

  for (const std::string &F : Opts.Files) {
    FileHistory H;
    H.UserPath = F;
    H.UserAbs = realish(F);
    StringRef Rel(H.UserAbs);
    if (!Rel.consume_front(S.Repo) || !Rel.consume_front("/"))
      return err("'" + F + "' is not inside the repository '" + S.Repo + "'");
    H.Rel = Rel.str();
    Session::GitResult Has =
        S.git(S.Repo, {"cat-file", "-e", R.BadSha + ":" + H.Rel});
    if (interruptedBy())
      return interruptedError();
    if (Has.Code != 0)
      return err("'" + H.Rel + "' does not exist at --bad " + Opts.Bad +
                 " (" + R.BadSha.substr(0, 12) +
                 "); name the file as it is there");
    if (Error E = loadHistory(H, R.BadSha))
      return E;
    Files.push_back(std::move(H));
  }

  bool CheckGood = true;
  if (!Opts.Good.empty()) {
    auto Good = resolve(Opts.Good, "good");
    if (!Good)
      return Good.takeError();
    R.GoodSha = *Good;
  } else {
    // Before the file existed, the finding cannot have either.
    const FileHistory &H = Files.front();
    if (H.AddedIn.empty())
      return err("cannot tell when '" + H.Rel + "' was added; give --good");
    Session::GitResult P = S.git(
        S.Repo, {"rev-parse", "--verify", "--quiet", H.AddedIn + "^1"});
    if (interruptedBy())
      return interruptedError();
    if (P.Code != 0)
      return err("'" + H.Rel + "' was added in the root commit " +
                 H.AddedIn.substr(0, 12) + "; give --good");
    R.GoodSha = StringRef(P.Out).trim().str();
    std::string FirstName = H.Renames.empty() ? H.Rel : H.Renames.back().Old;
    R.GoodNote = "--good not given: using " + R.GoodSha.substr(0, 12) +
                 ", the parent of " + H.AddedIn.substr(0, 12) +
                 ", which added '" + FirstName + "'";
    CheckGood = false;
  }
  if (R.GoodSha == R.BadSha)
    return err("--good and --bad are the same commit " +
               R.BadSha.substr(0, 12));
  auto Anc = isAncestor(R.GoodSha, R.BadSha);
  if (!Anc)
    return Anc.takeError();
  if (!*Anc) {
    Session::GitResult MB =
        S.git(S.Repo, {"merge-base", R.GoodSha, R.BadSha});
    std::string Base = StringRef(MB.Out).trim().substr(0, 12).str();
    return err("--good " + Opts.Good + " (" + R.GoodSha.substr(0, 12) +
               ") is not an ancestor of --bad " + Opts.Bad + " (" +
               R.BadSha.substr(0, 12) +
               "): bisect needs a good commit in the bad one's history" +
               (MB.Code == 0 && !Base.empty()
                    ? " (their merge base is " + Base + ")"
                    : std::string()));
  }

  auto Count = S.gitLine(S.Repo, {"rev-list", "--count", R.BadSha,
                                  "^" + R.GoodSha});
  if (!Count)
    return Count.takeError();
  StringRef(*Count).getAsInteger(10, R.RangeSize);

  if (!Opts.Dynamic)
    if (Error E = loadDatabase())
      return E;

  // The temporary worktree. Its path is recorded before `git worktree add`
  // runs, so an interrupt during the add is cleaned up too.
  S.Worktree = joinPath(S.Tmp, "worktree");
  if (auto Out = S.gitOk(S.Repo, {"worktree", "add", "--detach",
                                  "--no-checkout", "--quiet", S.Worktree,
                                  R.BadSha});
      !Out)
    return Out.takeError();
  auto Admin = S.gitLine(S.Worktree, {"rev-parse", "--absolute-git-dir"});
  if (!Admin)
    return Admin.takeError();
  S.AdminDir = *Admin;

  // The endpoints: --bad must show the finding, --good must not.
  auto JB = judge(R.BadSha, "bad");
  if (!JB)
    return JB.takeError();
  std::string What = Opts.Dynamic ? "the confirm command" : Opts.T.describe();
  if (JB->V == Verdict::Good)
    return err("--bad " + Opts.Bad + " (" + R.BadSha.substr(0, 12) +
               ") is good: " + (Opts.Dynamic ? "the confirm command passes"
                                             : What + " is not there") +
               "; nothing to bisect");
  if (JB->V == Verdict::Skip || JB->V == Verdict::Absent)
    return err("cannot judge --bad " + Opts.Bad + ": " + JB->Reason);
  if (!JB->Matches.empty())
    T.Seen = JB->Matches.front();
  if (CheckGood) {
    auto JG = judge(R.GoodSha, "good");
    if (!JG)
      return JG.takeError();
    if (JG->V == Verdict::Bad)
      return err("--good " + Opts.Good + " (" + R.GoodSha.substr(0, 12) +
                 ") is bad too: " +
                 (Opts.Dynamic ? "the confirm command fails"
                               : What + " is already there") +
                 "; pick an older --good");
    // A --good that cannot be judged (no file yet, does not parse) is
    // taken at the user's word.
  }

  // Halving: among the commits in bad's history but in no good one's,
  // analyze the one that splits them most evenly (git's own choice, from
  // `git rev-list --bisect-all`), skipping revisions that cannot be judged.
  std::vector<std::string> Goods = {R.GoodSha};
  StringSet<> Skipped;
  std::string BadSha = R.BadSha;
  std::vector<std::string> Remaining;
  while (true) {
    if (interruptedBy())
      return interruptedError();
    std::vector<std::string> Args = {"rev-list", "--bisect-all", BadSha};
    for (const std::string &G : Goods)
      Args.push_back("^" + G);
    auto Out = S.gitOk(S.Repo, Args);
    if (!Out)
      return Out.takeError();
    std::vector<std::pair<std::string, long>> Cands;
    SmallVector<StringRef> Lines;
    StringRef(*Out).split(Lines, '\n', -1, false);
    for (StringRef L : Lines) {
      StringRef Sha = L.split(' ').first.trim();
      long Dist = 0;
      size_t D = L.rfind("dist=");
      if (D != StringRef::npos)
        L.substr(D + 5).take_while(isDigit).getAsInteger(10, Dist);
      if (!Sha.empty())
        Cands.push_back({Sha.str(), Dist});
    }
    std::stable_sort(Cands.begin(), Cands.end(),
                     [](auto &A, auto &B) { return A.second > B.second; });
    std::string Next;
    Remaining.clear();
    for (auto &[Sha, Dist] : Cands) {
      if (Sha == BadSha)
        continue;
      Remaining.push_back(Sha);
      if (Next.empty() && !Skipped.contains(Sha))
        Next = Sha;
    }
    if (Next.empty())
      break;
    auto J = judge(Next, "bisect");
    if (!J)
      return J.takeError();
    if (!J->FollowedFrom.empty() &&
        !llvm::is_contained(T.Aliases, J->FollowedFrom))
      T.Aliases.push_back(J->FollowedFrom);
    if (J->V == Verdict::Good || J->V == Verdict::Absent)
      Goods.push_back(Next);
    else if (J->V == Verdict::Bad)
      BadSha = Next;
    else
      Skipped.insert(Next);
  }

  auto Info = commitInfo(BadSha);
  if (!Info)
    return Info.takeError();
  R.FirstBad = *Info;
  R.Found = Remaining.empty();
  if (!R.Found) {
    // Only skipped commits stand between the last good and bad ones.
    R.Candidates.push_back(*Info);
    for (const std::string &C : Remaining) {
      auto CI = commitInfo(C);
      if (!CI)
        return CI.takeError();
      R.Candidates.push_back(*CI);
    }
  }
  const Judgement &J = Judged[BadSha];
  R.Matches = J.Matches;
  R.InFunction = J.InFunction;
  // Right after a revision without the function: the search cannot follow
  // the finding further back.
  if (R.Found && !Opts.Dynamic) {
    auto Parents = S.gitOk(S.Repo, {"rev-list", "--parents", "-n", "1", BadSha});
    if (!Parents)
      return Parents.takeError();
    SmallVector<StringRef> Shas;
    StringRef(*Parents).trim().split(Shas, ' ', -1, false);
    for (size_t I = 1; I < Shas.size(); ++I) {
      auto P = Judged.find(Shas[I].str());
      if (P == Judged.end() || P->second.V != Verdict::Absent)
        continue;
      // Judged before an earlier name was learned: judge it again.
      if (!T.Aliases.empty()) {
        auto Again = judge(Shas[I], "bisect");
        if (!Again)
          return Again.takeError();
        P = Judged.find(Shas[I].str());
        if (P->second.V != Verdict::Absent)
          continue;
      }
      R.Found = false;
      R.NotBefore = "'" + T.function() + "' does not exist before " +
                    BadSha.substr(0, 12) + " (renamed?)";
      R.SameFindingIn = P->second.SameFindingIn;
      break;
    }
  }

  // How far a scan from --good, oldest first, would have to go.
  auto Order = S.gitOk(S.Repo, {"rev-list", "--reverse", "--topo-order",
                                R.BadSha, "^" + R.GoodSha});
  if (!Order)
    return Order.takeError();
  SmallVector<StringRef> Seq;
  StringRef(*Order).split(Seq, '\n', -1, false);
  for (size_t I = 0; I < Seq.size(); ++I)
    if (Seq[I].trim() == BadSha) {
      R.LinearScanSteps = I + 1;
      // Newest first: every commit below --bad down to the first bad one,
      // then the good one under it (unless that is --good itself).
      R.LinearScanFromBad = I == 0 ? Seq.size() - 1 : Seq.size() - I;
    }

  R.TotalSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  return std::move(R);
}

} // namespace

Expected<Result> bisect::run(const Options &Opts) {
  Expected<Result> R = [&] {
    Bisector B(Opts);
    return B.run();
    // B's session removes the worktree and temporary files here.
  }();
  if (!R && interruptedBy()) {
    consumeError(R.takeError());
    return interruptedError();
  }
  return R;
}

Judgement bisect::judgeCheckout(const std::vector<std::string> &Files,
                                const Target &T, const AnalysisOptions &A) {
  Session S;
  if (Error E = S.init()) {
    Judgement J;
    J.Reason = toString(std::move(E));
    return J;
  }
  std::vector<std::string> Present, Missing;
  for (const std::string &F : Files)
    (sys::fs::is_regular_file(F) ? Present : Missing).push_back(F);
  // A file named under each of its names follows renames: only when none
  // of them exists is the revision skipped.
  if (!Present.empty())
    Missing.clear();
  return analyze(S, Present, Missing, A.BuildDir, T, A, "");
}
