//===- Bisect.h - Find the commit that introduced a finding ----*- C++ -*-===//
//
// `refcheck bisect` judges revisions of a git repository by analyzing them in
// a temporary worktree, halving the range as `git bisect` does, and
// `refcheck bisect-step` judges the current checkout for `git bisect run`.
// Nothing here ever writes to the user's checkout: see docs/bisect.md.
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_BISECT_H
#define REFCHECK_BISECT_H

#include "refcheck/Finding.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>
#include <string>
#include <vector>

namespace refcheck {
namespace bisect {

/// Which finding a revision is judged by.
struct Target {
  /// A stable id from a JSON run; when set, Function and Check are ignored.
  std::string FindingId;
  std::string Function;
  /// Empty: any check.
  std::string Check;
  /// The finding as --bad shows it, once judged. Where its function does
  /// not exist, the same check, origin and message in another function is
  /// the same finding before a rename; with --finding, the same check,
  /// function and origin is it in a file under another name.
  std::optional<Finding> Seen;
  /// Earlier names of the function, learned by following the finding: a
  /// revision that defines one of them without the finding is good.
  std::vector<std::string> Aliases;

  bool matches(const Finding &F) const;
  /// The function the target is in: Function, or Seen's.
  std::string function() const;
  /// "finding 1234abcd" or "a ref-leak finding in 'f'".
  std::string describe() const;
};

/// How a revision is analyzed: by running the refcheck executable itself
/// with --format=json, so a crash of the analyzer only skips the revision.
struct AnalysisOptions {
  std::string Refcheck;
  /// The user's -p (folder or .json), as given.
  std::optional<std::string> BuildDir;
  /// Options handed to every analysis as they are (--python, --disable, ...).
  std::vector<std::string> PassThrough;
  /// Compiler arguments (after `--`).
  std::vector<std::string> TrailingArgs;
};

/// Absent: the finding is not there, and neither is its function (nor a
/// finding like it under another name): not a proof of "good", since the
/// function may have had another name. Halving treats it as good; a first
/// bad commit right after one says so.
enum class Verdict { Good, Bad, Skip, Absent };
llvm::StringRef toString(Verdict V);

/// What one analysis of one revision found.
struct Judgement {
  Verdict V = Verdict::Skip;
  /// Why a revision was skipped, or what made it bad in dynamic mode.
  std::string Reason;
  /// The findings that match the target (paths relative to the repository).
  std::vector<Finding> Matches;
  /// Findings in the same function (any check), for "one of several".
  unsigned InFunction = 0;
  /// Bad by a finding like the target's in another function: its name.
  std::string FollowedFrom;
  /// Absent: the functions that have a finding of the target's check with
  /// its origin or its message (where it may be under another name).
  std::vector<std::string> SameFindingIn;
  /// CPU time of the analysis (or of the --dynamic commands).
  double CpuSeconds = 0;
  /// The analysis could not be started at all: nothing to do with the
  /// revision, so the bisection stops instead of skipping.
  bool Fatal = false;
};

struct Options {
  std::string Good; ///< empty: the parent of the commit that added FILE
  std::string Bad;
  std::vector<std::string> Files; ///< as the user named them
  Target T;
  AnalysisOptions Analysis;
  /// --dynamic: a shell command that builds, and one that judges with the
  /// `git bisect run` exit codes; both run in the temporary worktree.
  bool Dynamic = false;
  std::string BuildCommand, ConfirmCommand;
  /// Where to log each step as it happens (null: nowhere).
  llvm::raw_ostream *Progress = nullptr;
};

struct CommitInfo {
  std::string Sha, Author, Email, Date, Subject;
};

struct Step {
  std::string Sha;
  /// "good", "bad" (the endpoints) or "bisect".
  std::string Kind;
  Verdict V = Verdict::Skip;
  std::string Reason;
  /// Bad by the finding under this earlier function name.
  std::string FollowedFrom;
  /// The file's name at this revision (it may have been renamed since).
  std::string File;
  /// Wall time of the step (checkout included), and the CPU time of its
  /// analysis: on a busy machine the second is the steadier figure.
  double Seconds = 0, CpuSeconds = 0;
};

struct Result {
  /// False when skipped revisions leave several candidates.
  bool Found = false;
  CommitInfo FirstBad;
  /// When !Found: every commit that may be the first bad one.
  std::vector<CommitInfo> Candidates;
  /// The target's function does not exist before FirstBad and the finding
  /// could not be followed there: "'F' does not exist before REV
  /// (renamed?)", with the functions of the parent that have a finding like
  /// it. Found is false then.
  std::string NotBefore;
  std::vector<std::string> SameFindingIn;
  /// The target's findings at the first bad commit (static mode).
  std::vector<Finding> Matches;
  unsigned InFunction = 0;
  std::vector<Step> Steps;
  std::string GoodSha, BadSha;
  /// Set when --good was not given and was worked out.
  std::string GoodNote;
  /// Commits in good..bad, and how many a linear scan over them (in `git
  /// rev-list --topo-order`, endpoints known) analyzes to find the first bad
  /// commit: oldest first from --good, stopping at the first bad one; or
  /// newest first from --bad, stopping at the first good one.
  size_t RangeSize = 0, LinearScanSteps = 0, LinearScanFromBad = 0;
  double TotalSeconds = 0;
};

/// Installs SIGINT/SIGTERM/SIGHUP handlers that stop the running child and
/// make the bisection unwind and clean up. Call once, early.
void installInterruptHandlers();
/// The signal that interrupted the run, or 0.
int interruptedBy();

/// Runs the bisection. Temporary worktrees and files are removed before it
/// returns, whatever happens. Errors are one-line messages.
llvm::Expected<Result> run(const Options &Opts);

/// bisect-step: judges Files as they are in the current checkout. Files
/// that do not exist are left out (so a file can be named under each of its
/// names); with none left, the verdict is Skip.
Judgement judgeCheckout(const std::vector<std::string> &Files,
                        const Target &T, const AnalysisOptions &A);

void writeText(llvm::raw_ostream &OS, const Result &R, const Options &Opts);
void writeJson(llvm::raw_ostream &OS, const Result &R, const Options &Opts);

} // namespace bisect
} // namespace refcheck
#endif
