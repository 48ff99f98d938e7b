//===- Impact.h - How often a path-sensitive finding happens ----*- C++ -*-===//
//
// Every path-sensitive report of refcheck is a PathReport. From the path
// that leads to the bug it works out the finding's impact class (Finding.h):
// every-call, error-path (the path assumes a call failed or took an error
// branch) or allocation-failure (every failure it assumes is one that only
// happens when memory runs out, by the ApiModel's ErrorSpec). The class and
// the call to blame travel to the driver in the report's short description,
// with the origin key (see ReportTag in refcheck/Checker.h).
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_LIB_CHECKER_IMPACT_H
#define REFCHECK_LIB_CHECKER_IMPACT_H

#include "refcheck/ApiModel.h"
#include "refcheck/Checker.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExplodedGraph.h"

namespace refcheck {

/// The impact of the path from the root of the graph to ErrorNode
/// (following first predecessors). A call counts as failed when a later
/// state on the path constrains its result to the failure value of its
/// error convention (NULL, 0, -1 or non-zero); PyErr_Occurred() known true
/// and a call that always raises (PyErr_SetString) are error branches.
/// NeedsFailureOf names a call whose failure the bug itself needs (a result
/// used unchecked), or is empty.
/// With Cached, the walk starts from the snapshot at the nearest node
/// where an earlier cached walk saw paths part: the many reports of one
/// bug share most of their paths. ErrorNode must then be in the graph the
/// analyzer is exploring now, not a trimmed copy.
ReportTag classifyPath(const clang::ento::ExplodedNode *ErrorNode,
                       const ApiModel *Model,
                       llvm::StringRef NeedsFailureOf = "",
                       bool Cached = false);

/// Drops the snapshots of the cached walks: the graph they point into is
/// going away (the end of a top-level function's analysis).
void resetImpactCache();

/// The more frequent of two impacts (every-call before error-path before
/// allocation-failure); A on a tie.
const ReportTag &moreFrequent(const ReportTag &A, const ReportTag &B);

/// A path-sensitive report that carries its origin key and impact. The
/// impact is that of the most frequent path among the reports of its
/// equivalence class: the analyzer shows the shortest path to a bug, which
/// is often an early error return even when the bug also happens on the
/// success path.
class PathReport : public clang::ento::PathSensitiveBugReport {
public:
  PathReport(const clang::ento::BugType &BT, llvm::StringRef Origin,
             llvm::StringRef Msg, const clang::ento::ExplodedNode *N,
             const ApiModel *Model, llvm::StringRef NeedsFailureOf = "");
  /// Reports uniqued by a location other than the error node's (leaks:
  /// the allocation site).
  PathReport(const clang::ento::BugType &BT, llvm::StringRef Origin,
             llvm::StringRef Msg, const clang::ento::ExplodedNode *N,
             clang::ento::PathDiagnosticLocation UniqueLoc,
             const clang::Decl *UniqueDecl, const ApiModel *Model,
             llvm::StringRef NeedsFailureOf = "");

  /// Uniqued by bug type, message and location only: the impact tag in the
  /// short description must not split one bug into several reports.
  void Profile(llvm::FoldingSetNodeID &ID) const override;

  /// Sets the tag's SameAs key: reports with the same one at one place are
  /// one finding (the driver keeps the most frequent).
  void setSameAs(llvm::StringRef Key);

private:
  friend class ImpactVisitor;
  void setTag(const ReportTag &T);
  void init(llvm::StringRef Origin, const clang::ento::ExplodedNode *N,
            const ApiModel *Model, llvm::StringRef NeedsFailureOf);
};

} // namespace refcheck
#endif
