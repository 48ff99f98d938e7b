//===- Refutation.h - Refuting infeasible report paths with Z3 --*- C++ -*-===//
//
// refcheck's own Z3 refutation of report paths, in place of the analyzer's
// crosscheck-with-z3 (which the driver turns off when this one is on).
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_LIB_CHECKER_REFUTATION_H
#define REFCHECK_LIB_CHECKER_REFUTATION_H

#include "refcheck/Checker.h"

#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"

namespace refcheck {
/// Adds the refutation visitor to R when the analysis asks for it
/// (RefuteWithZ3Key). The visitor marks R invalid when Z3 proves the
/// constraints its path collected unsatisfiable.
void addZ3Refutation(clang::ento::PathSensitiveBugReport &R);

/// Forgets the constraints the refutation collected, per state, for the
/// reports of the previous graph. Called when a top-level exploration ends
/// and before its reports are made: the previous graph's states died with
/// its engine, and their addresses may be reused.
void resetRefutationCache();
} // namespace refcheck
#endif
