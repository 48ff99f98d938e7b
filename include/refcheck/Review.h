//===- Review.h - Filters between analysis and report ---------*- C++ -*-===//
//
// Post-filters over the one Results list, applied by the command line after
// analysis and before a writer runs: inline suppressions (read from the
// sources), baselines (by stable finding id) and changed-lines filtering
// (`--diff`). None of them touches the checker.
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_REVIEW_H
#define REFCHECK_REVIEW_H

#include "refcheck/Finding.h"
#include "refcheck/Report.h"
#include "refcheck/SourceText.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace refcheck {

/// The writers' context for this build: every check as a rule with a help
/// URI into docs/checks.md, and the current folder as the source root.
/// Argv0 locates an installed docs folder next to the executable.
ReportContext makeReportContext(const char *Argv0);

/// An absolute, dot-free form of Path (relative paths are taken against the
/// current folder; symlinks resolved when it exists), for comparing file
/// names from different sources.
std::string absolutePath(llvm::StringRef Path);

//===--- Inline suppressions ----------------------------------------------===//

/// `// refcheck: ignore[check,...]` (this line or the next) or
/// `// refcheck: ignore-function[check,...]` (the function it is in, or
/// directly above). `*` stands for every check.
struct Suppression {
  std::string File; ///< as given to parseSuppressions
  unsigned Line = 0;
  unsigned Column = 0;
  bool WholeFunction = false;
  std::vector<std::string> Checks;
  std::string Text; ///< the comment's `refcheck: ...` text
  bool Used = false;

  bool covers(llvm::StringRef Check) const;
};

/// The suppression comments of one file.
std::vector<Suppression> parseSuppressions(const SourceLines &Src,
                                           llvm::StringRef File);

struct SuppressionOutcome {
  unsigned Suppressed = 0;
  /// Suppressions in the scanned files that silenced nothing.
  std::vector<Suppression> Unused;
};

/// Drops the findings an inline suppression covers. Reads every file a
/// finding is in, plus ScanFiles (the analyzed files, so that their unused
/// suppressions are known too). Relative paths are taken against the current
/// folder.
SuppressionOutcome applySuppressions(Results &R,
                                     const std::vector<std::string> &ScanFiles);

/// Findings of check "unused-suppression", one per unused suppression.
std::vector<Finding> unusedSuppressionFindings(
    const std::vector<Suppression> &Unused);

//===--- Baselines ---------------------------------------------------------===//

/// Finding ids accepted as known. Read from a file written by
/// writeBaseline(), or from any refcheck JSON document (`--format=json`).
llvm::Expected<llvm::StringSet<>> readBaseline(llvm::StringRef Path);
llvm::Error writeBaseline(llvm::StringRef Path, const Results &R);
/// Drops findings whose id is in Ids; returns how many.
unsigned applyBaseline(Results &R, const llvm::StringSet<> &Ids);

//===--- Changed lines (--diff) --------------------------------------------===//

struct ChangedLines {
  /// Absolute path -> lines of the new version that were added or changed
  /// (a deletion marks the lines on both sides of it).
  std::map<std::string, std::set<unsigned>> Lines;
  /// Analyzable files (C/C++ sources, not deleted) among the changed ones.
  std::vector<std::string> SourceFiles;

  bool touches(const Finding &F) const;
};

/// Parses `git diff --unified=0` output. Paths in it are relative to
/// RepoRoot.
ChangedLines parseUnifiedDiff(llvm::StringRef Diff, llvm::StringRef RepoRoot);

/// Runs git in the current folder: changes from Rev to the working tree, or
/// the staged changes when Rev is empty.
llvm::Expected<ChangedLines> gitChangedLines(llvm::StringRef Rev);

/// Keeps the findings whose location or path touches a changed line;
/// returns how many were dropped.
unsigned applyChangedLines(Results &R, const ChangedLines &C);

} // namespace refcheck
#endif
