//===- Report.h - Writers: one list of findings, many formats ---*- C++ -*-===//
#ifndef REFCHECK_REPORT_H
#define REFCHECK_REPORT_H

#include "refcheck/Finding.h"
#include "llvm/Support/raw_ostream.h"

namespace refcheck {

enum class OutputFormat { Text, Json };

/// Clang-style text: `file:line:col: warning: msg [refcheck.check]`, then the
/// path notes, then one line per file that could not be analyzed.
void writeText(llvm::raw_ostream &OS, const Results &R);

/// The JSON document described in docs/json-format.md.
void writeJson(llvm::raw_ostream &OS, const Results &R);

/// CPython regrtest's line: `TEST leaked [1, 1, 1] references, sum=3`.
std::string leakLine(llvm::StringRef Test, llvm::StringRef What,
                     const std::vector<long long> &Deltas);

/// The confirmation of a finding (set by `refcheck confirm`) as note lines:
/// its status, its Python entry points, and each test's measured deltas.
void writeConfirmationText(llvm::raw_ostream &OS, const Finding &F);

void writeResults(llvm::raw_ostream &OS, const Results &R, OutputFormat F);

} // namespace refcheck
#endif
