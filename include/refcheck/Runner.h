//===- Runner.h - Dynamic confirmation of findings (refcheck confirm) -*- C++ -*-===//
//
// For each finding, find the Python tests that reach its function (through
// Finding::EntryPoints and the test index of the helper script), run them
// stab+run times in a fresh interpreter and measure reference counts,
// allocated blocks and open file descriptors after each repetition, as
// CPython's `python -m test -R` does.
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_RUNNER_H
#define REFCHECK_RUNNER_H

#include "refcheck/Finding.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>
#include <string>
#include <vector>

namespace refcheck {

struct ConfirmOptions {
  /// The interpreter to run the tests with (a debug build).
  std::string Python = "python3.11-dbg";
  /// Folders to index for tests; empty: decided by defaultTestDirs().
  std::vector<std::string> TestDirs;
  unsigned Stab = 3, Run = 3;
  /// Per test process; 0: no limit.
  unsigned TimeoutSeconds = 300;
  bool UseRegrtest = false;
  bool BlocksOnly = false;
  bool BisectTests = false;
  /// At most this many tests per finding (the first, in id order).
  unsigned MaxTests = 25;
  /// Test ids to measure besides those selected for findings (--measure).
  std::vector<std::string> ExtraTests;
  /// Find the tests that reach each finding by running the candidate tests
  /// once under a profiler (cached); false: the name-based index only.
  bool Record = true;
  /// Record every test file when there are at most this many; else those
  /// the index names and those named after the finding's module.
  unsigned RecordLimit = 300;
  /// Test files recorded at once, each in its own processes; 0: the core
  /// count.
  unsigned RecordJobs = 0;
  /// Shell command that builds the extension for Python, run first in the
  /// current folder; empty: build nothing.
  std::string Build;
  /// The project: where the extension binaries and the package live.
  std::string ProjectDir = ".";
  /// refcheck_confirm.py; empty: findHelperScript().
  std::string HelperScript;
  bool Verbose = false;
};

/// "3:3", "5:4": CPython's -R stab:run.
llvm::Expected<std::pair<unsigned, unsigned>> parseRuns(llvm::StringRef S);

/// The decision rule. References and blocks: leaking iff every measured
/// delta is >= 1. File descriptors: leaking iff any delta is non-zero.
bool countLeaks(const std::vector<long long> &Deltas);
bool fdLeaks(const std::vector<long long> &Deltas);
/// Fills Run.Leaked from its deltas.
void decideLeaks(TestRun &Run);

/// When Python >= 3.12 would not count the finding's object: None, True,
/// False, Ellipsis, NotImplemented, interned strings. The reason, or none.
std::optional<std::string> immortalReason(const Finding &F, unsigned Major,
                                          unsigned Minor);

/// Reads `TEST leaked [1, 1, 1] references, sum=3` lines of regrtest output
/// into Run's deltas.
void parseRegrtestOutput(llvm::StringRef Output, TestRun &Run);

/// `python -m test` arguments for one unittest id: `-R stab:run -m ID
/// test_x`; for ids outside CPython's `test` package, `--testdir TestDir`
/// too.
std::vector<std::string> regrtestArgs(llvm::StringRef TestId, unsigned Stab,
                                      unsigned Run,
                                      llvm::StringRef TestDir = "");

/// The helper script: next to the executable (../share/refcheck), else in
/// the source tree refcheck was built from.
std::string findHelperScript();

/// Default folders to index: Lib/test of the CPython tree holding the first
/// finding, else tests/ and test/ of the current folder.
std::vector<std::string> defaultTestDirs(const Results &R);

/// What `--build` without a command runs in Dir for Python: `PY setup.py
/// build_ext --inplace` next to a setup.py, `PY -m pip install
/// --no-build-isolation -e .` next to a pyproject.toml alone; empty when
/// neither is there.
std::string defaultBuildCommand(llvm::StringRef Python, llvm::StringRef Dir);

/// Rank of a reaching test's evidence: call 3, slot 2, type 1, static 0.
int viaRank(llvm::StringRef Via);

/// What Python code would reach entry point Entry ("m.T.__repr__" ->
/// "repr() of a m.T instance").
std::string wouldReach(llvm::StringRef Entry);

/// Runs the loop and sets Finding::Confirm on every finding. Measured lines
/// are written to Log as they come. Fails (with one explaining sentence)
/// when the interpreter cannot measure or the helper cannot run.
llvm::Error confirmFindings(Results &R, const ConfirmOptions &Opts,
                            llvm::raw_ostream &Log);

} // namespace refcheck
#endif
