//===- Finding.h - The one list of results every writer reads ---*- C++ -*-===//
#ifndef REFCHECK_FINDING_H
#define REFCHECK_FINDING_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
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

  /// Sorts findings and errors into a canonical order (file, line, column,
  /// check, message) and drops exact duplicates, so output never depends on
  /// the order files were analyzed in.
  void canonicalize();
  void append(Results Other);
};

/// Hash of check + function + origin: no line numbers, so the id survives
/// edits elsewhere in the file.
std::string computeFindingId(llvm::StringRef Check, llvm::StringRef Function,
                             llvm::StringRef Origin);

/// Reads a document written by writeJson() back.
llvm::Expected<Results> parseJsonResults(llvm::StringRef Text);

} // namespace refcheck
#endif
