//===- Finding.h - The one list of results every writer reads ---*- C++ -*-===//
#ifndef REFCHECK_FINDING_H
#define REFCHECK_FINDING_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <optional>
#include <string>
#include <vector>

namespace refcheck {

/// One step of the path that leads to a finding.
struct PathStep {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string Message;
};

/// One test run by `refcheck confirm`: what happened and what it measured.
struct TestRun {
  /// unittest id (`pkg.module.Class.method`) or pytest node id.
  std::string Test;
  /// "measured", "failed" (the test itself failed or errored but was
  /// measured), "crashed", "timeout" or "error" (could not be run).
  std::string Outcome;
  /// Deltas per measured repetition.
  std::vector<long long> Refs, Blocks, Fds;
  /// Which measures leak by the decision rule: "references",
  /// "memory blocks", "file descriptors".
  std::vector<std::string> Leaked;
  /// Crash signal, timeout, or the test's first error line.
  std::string Detail;
  double Seconds = 0;
  /// A control: a test of the same file that does not reach the finding's
  /// function, measured after a test that reaches it leaked. When it leaks
  /// as much, the leak is not the finding's (docs/confirm.md).
  bool Control = false;
};

/// A test that reaches a finding's function, and the evidence for it.
struct ReachingTest {
  std::string Test;
  /// "call" (the profiler saw the test call the C function), "slot" (a
  /// builtin dispatching to the slot ran with an instance of the type at
  /// hand), "type" (an instance of the type was seen during the test) or
  /// "static" (the test's source names the entry point).
  std::string Via;
  /// What recording the test took; < 0 when it was not recorded.
  double Seconds = -1;
};

/// The result of the dynamic confirmation of one finding.
struct Confirmation {
  /// "confirmed", "not-reproduced", "no-test-found" or "unmeasurable".
  std::string Status;
  /// Why, in one sentence (for no-test-found and unmeasurable especially).
  std::string Reason;
  /// The tests measured, in the order they ran.
  std::vector<TestRun> Tests;
  /// Every test found to reach the finding, best evidence and cheapest
  /// first (Tests is a prefix of these, up to --max-tests).
  std::vector<ReachingTest> Reaching;
  /// When no test reaches it: what Python code would, e.g.
  /// "call shapes._core.checked" or "repr() of a shapes._core.Box".
  std::string WouldReach;
};

/// How often a finding's bug happens, from the path that shows it
/// (docs/checks.md, "Impact"). In decreasing order of urgency.
enum class ImpactClass : uint8_t {
  /// No failure is assumed on the path: it happens whenever the code runs.
  EveryCall,
  /// Only when a call fails or an error branch is taken (bad arguments, a
  /// missing attribute, an exception raised by called code).
  ErrorPath,
  /// Only when an allocation fails, or a call that fails only on memory
  /// errors (ApiModel: ErrorSpec::FailsOnlyOnMemory).
  AllocationFailure,
};

/// "every-call", "error-path", "allocation-failure".
const char *toString(ImpactClass I);
std::optional<ImpactClass> parseImpactClass(llvm::StringRef S);

struct Finding {
  /// Stable across runs and unrelated edits: see computeFindingId().
  std::string Id;
  /// The check id, e.g. "ref-leak".
  std::string Check;
  std::string Message;
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  /// The function the finding is in.
  std::string Function;
  /// Where the object involved came from, e.g. "PyObject_CallMethod#1":
  /// the callee and its occurrence among same-named calls in its function.
  std::string Origin;
  std::vector<PathStep> Path;
  ImpactClass Impact = ImpactClass::EveryCall;
  /// For the other classes: the call whose failure (or the error branch
  /// whose call) the path assumes, e.g. "PyArg_ParseTuple", and the phrase
  /// that says so, e.g. "when 'PyArg_ParseTuple' fails".
  std::string ImpactCall;
  std::string ImpactReason;
  /// Python-visible names that reach Function: `module.function`,
  /// `module.Type.method`, `module.Type.__new__`... (lib/EntryPoints).
  std::vector<std::string> EntryPoints;
  /// Set by `refcheck confirm`.
  std::optional<Confirmation> Confirm;
};

/// A file that could not be analyzed, and why.
struct FileError {
  std::string File;
  std::string Message;
};

struct Results {
  std::vector<Finding> Findings;
  std::vector<FileError> Errors;
  /// Number of files analyzed to completion.
  unsigned FilesAnalyzed = 0;
  /// Top-level functions of those files the analysis began, and how many
  /// of them kept the findings of an earlier run, their code unchanged
  /// (lib/Driver/FunctionCache.h).
  unsigned FunctionsBegun = 0, FunctionsReused = 0;
  /// The absolute project root that relative paths are relative to (the
  /// folder finding ids are computed from: docs/json-format.md), or empty
  /// while paths are absolute or relative to the current folder.
  std::string Root;

  /// Names every file (of findings, path steps and errors) under Root
  /// relative to it, and records Root; files elsewhere stay absolute.
  /// Expects absolute paths (see makePathsAbsolute()).
  void makePathsRelative(llvm::StringRef Root);
  /// Makes every relative path absolute: against Root when it is set, else
  /// against the current folder.
  void makePathsAbsolute();

  /// Sorts findings and errors into a canonical order (file, line, column,
  /// check, message) and drops exact duplicates, so output never depends on
  /// the order files were analyzed in.
  void canonicalize();
  void append(Results Other);
};

/// Hash of check + file (relative to the project root) + function + origin:
/// no line numbers, so the id survives edits elsewhere in the file
/// (docs/json-format.md).
std::string computeFindingId(llvm::StringRef Check, llvm::StringRef File,
                             llvm::StringRef Function, llvm::StringRef Origin);

/// Reads one finding of such a document (findingJson()) back.
llvm::Expected<Finding> findingFromJson(const llvm::json::Object &O);

/// Reads a document written by writeJson() back.
llvm::Expected<Results> parseJsonResults(llvm::StringRef Text);

} // namespace refcheck
#endif
