//===- ReviewOptions.h - Config, baselines, suppressions, --diff -*- C++ -*-===//
//
// The command line's review options and what it does with them, kept out of
// refcheck.cpp: prepareReview() runs before the files are planned (config,
// file selection, checks); finishReview() runs over the Results before they
// are written (suppressions, baseline, changed lines).
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_TOOL_REVIEWOPTIONS_H
#define REFCHECK_TOOL_REVIEWOPTIONS_H

#include "refcheck/Driver.h"
#include "refcheck/ProjectConfig.h"
#include "refcheck/Report.h"
#include "refcheck/Review.h"
#include "llvm/Support/CommandLine.h"

namespace refcheck {

llvm::cl::OptionCategory &reviewCategory();

/// `--write-baseline FILE` and `--diff REV` take their value with a space
/// too (both may also go without one): joins the next argument to the
/// option when it cannot be an input (a C/C++ source for --write-baseline,
/// an existing path for --diff), so llvm::cl sees `--write-baseline=FILE`.
std::vector<std::string> joinOptionalValues(llvm::ArrayRef<const char *> Args);

struct ReviewState {
  std::optional<ProjectConfig> Config;
  std::optional<ChangedLines> Changed;
  /// Files were named (or changed) but every one was filtered away.
  bool NothingSelected = false;
};

/// Loads .refcheck.yaml (or --config), picks the files (include/exclude
/// globs, --diff), sets the checks, the API facts (Opts.ApiFacts, which
/// loadApiModel adds) and, when --format was not given, the format. CLI
/// flags win over the config.
llvm::Expected<ReviewState> prepareReview(DriverOptions &Opts,
                                          OutputFormat &Format,
                                          bool FormatGiven);

/// Applies inline suppressions, the baseline (or writes one) and --diff to
/// the run's findings. AnalyzedFiles are scanned for unused suppressions.
/// Paths in R are made relative to Root (the project root), the baseline's
/// too.
llvm::Error finishReview(const ReviewState &S, Results &R,
                         const std::vector<std::string> &AnalyzedFiles,
                         llvm::StringRef Root);

} // namespace refcheck
#endif
