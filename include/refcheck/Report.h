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

void writeResults(llvm::raw_ostream &OS, const Results &R, OutputFormat F);

} // namespace refcheck
#endif
