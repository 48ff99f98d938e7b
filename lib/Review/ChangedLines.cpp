//===- ChangedLines.cpp - `--diff`: findings on changed lines only --------===//
#include "refcheck/Review.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

using namespace refcheck;
using namespace llvm;

static bool isSourceFile(StringRef Path) {
  StringRef Ext = sys::path::extension(Path);
  return Ext == ".c" || Ext == ".cc" || Ext == ".cpp" || Ext == ".cxx" ||
         Ext == ".C";
}

ChangedLines refcheck::parseUnifiedDiff(StringRef Diff, StringRef RepoRoot) {
  ChangedLines C;
  std::string Current; // absolute path of the file the hunks belong to
  SmallVector<StringRef, 0> Lines;
  Diff.split(Lines, '\n');
  for (StringRef L : Lines) {
    if (L.starts_with("+++ ")) {
      StringRef P = L.drop_front(4).rtrim("\r\t");
      if (P == "/dev/null") {
        Current.clear();
        continue;
      }
      P.consume_front("b/");
      SmallString<256> Abs(RepoRoot);
      sys::path::append(Abs, P);
      Current = absolutePath(Abs);
      C.Lines[Current]; // a changed file, even with no added line
      if (isSourceFile(Current))
        C.SourceFiles.push_back(Current);
      continue;
    }
    if (!L.starts_with("@@ ") || Current.empty())
      continue;
    // @@ -a[,b] +c[,d] @@
    size_t Plus = L.find(" +");
    if (Plus == StringRef::npos)
      continue;
    StringRef Range = L.drop_front(Plus + 2);
    Range = Range.take_until([](char Ch) { return Ch == ' '; });
    auto [StartS, CountS] = Range.split(',');
    unsigned Start = 0, Count = 1;
    if (StartS.getAsInteger(10, Start) ||
        (!CountS.empty() && CountS.getAsInteger(10, Count)))
      continue;
    std::set<unsigned> &Set = C.Lines[Current];
    if (Count == 0) {
      // Lines deleted after line Start: the code on both sides changed
      // meaning.
      if (Start)
        Set.insert(Start);
      Set.insert(Start + 1);
    }
    for (unsigned I = 0; I < Count; ++I)
      Set.insert(Start + I);
  }
  return C;
}

bool ChangedLines::touches(const Finding &F) const {
  auto On = [&](StringRef File, unsigned Line) {
    auto It = Lines.find(absolutePath(File));
    return It != Lines.end() && It->second.count(Line);
  };
  if (On(F.File, F.Line))
    return true;
  return llvm::any_of(F.Path,
                      [&](const PathStep &S) { return On(S.File, S.Line); });
}

unsigned refcheck::applyChangedLines(Results &R, const ChangedLines &C) {
  size_t Before = R.Findings.size();
  llvm::erase_if(R.Findings, [&](const Finding &F) { return !C.touches(F); });
  return Before - R.Findings.size();
}

/// Runs git with Args in the current folder; its standard output, or an
/// error with the first line git wrote on standard error.
static Expected<std::string> runGit(ArrayRef<StringRef> Args) {
  ErrorOr<std::string> Git = sys::findProgramByName("git");
  if (!Git)
    return createStringError(Git.getError(), "--diff needs git, which is not "
                                             "on PATH");
  SmallString<128> Out, Err;
  if (std::error_code EC =
          sys::fs::createTemporaryFile("refcheck-git", "out", Out))
    return createStringError(EC, "cannot create a temporary file");
  if (std::error_code EC =
          sys::fs::createTemporaryFile("refcheck-git", "err", Err)) {
    sys::fs::remove(Out);
    return createStringError(EC, "cannot create a temporary file");
  }
  std::vector<StringRef> Argv{*Git};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<StringRef> Redirects[] = {StringRef(""), StringRef(Out),
                                          StringRef(Err)};
  std::string ExecErr;
  int RC = sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects, 0, 0,
                               &ExecErr);
  auto OutBuf = MemoryBuffer::getFile(Out);
  auto ErrBuf = MemoryBuffer::getFile(Err);
  sys::fs::remove(Out);
  sys::fs::remove(Err);
  if (RC != 0) {
    std::string Why = ExecErr;
    if (Why.empty() && ErrBuf)
      Why = (*ErrBuf)->getBuffer().trim().split('\n').first.str();
    std::string Cmd = "git";
    for (StringRef A : Args)
      Cmd += " " + A.str();
    return createStringError(inconvertibleErrorCode(),
                             "'" + Cmd + "' failed: " + Why);
  }
  return OutBuf ? (*OutBuf)->getBuffer().str() : std::string();
}

Expected<ChangedLines> refcheck::gitChangedLines(StringRef Rev) {
  Expected<std::string> Top = runGit({"rev-parse", "--show-toplevel"});
  if (!Top)
    return Top.takeError();
  std::vector<StringRef> Args{"diff", "--unified=0", "--no-color",
                              "--no-ext-diff", "--no-renames"};
  if (Rev.empty())
    Args.push_back("--cached");
  else
    Args.push_back(Rev);
  Args.push_back("--");
  Expected<std::string> Diff = runGit(Args);
  if (!Diff)
    return Diff.takeError();
  return parseUnifiedDiff(*Diff, StringRef(*Top).trim());
}
