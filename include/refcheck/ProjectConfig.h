//===- ProjectConfig.h - A project's .refcheck.yaml -------------*- C++ -*-===//
//
// Settings a project keeps next to its code (docs/integration.md): which
// checks run, API facts for its own functions, its baseline, which files are
// analyzed and the default output format. Command-line flags override it.
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_PROJECTCONFIG_H
#define REFCHECK_PROJECTCONFIG_H

#include "refcheck/ApiModel.h"
#include "refcheck/Report.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <vector>

namespace refcheck {

struct ProjectConfig {
  /// The file, and the folder relative paths in it are taken against.
  std::string Path, Dir;
  /// `checks: {enable: [...]}`: when present, only these checks run.
  std::vector<std::string> EnabledChecks;
  /// `checks: {disable: [...]}`.
  std::vector<std::string> DisabledChecks;
  std::vector<ApiAnnotation> Annotations;
  /// `baseline:`, made absolute.
  std::string Baseline;
  /// `include:` / `exclude:` globs over paths relative to Dir.
  std::vector<std::string> Include, Exclude;
  std::optional<OutputFormat> Format;

  /// Whether File passes the include/exclude globs.
  bool selects(llvm::StringRef File) const;
  /// Whether a check runs under this configuration (before CLI flags).
  bool checkEnabled(llvm::StringRef Check) const;
  /// Adds the annotations to Model as Source::Config facts (so annotations
  /// in the code and refcounts.dat still win over them).
  void addAnnotationsTo(ApiModel &Model) const;
};

/// A .refcheck.yaml holding these annotations only (`--write-contracts`);
/// loadProjectConfig() reads it back to the same annotations.
std::string annotationsToYaml(llvm::ArrayRef<ApiAnnotation> Annotations);

/// The nearest `.refcheck.yaml` in Path's folder (or Path itself, when it is
/// a folder) or any folder above it.
std::optional<std::string> findProjectConfig(llvm::StringRef Path);

/// Reads and checks a config file. Errors are one line:
/// `FILE:LINE:COL: problem`.
llvm::Expected<ProjectConfig> loadProjectConfig(llvm::StringRef Path);
llvm::Expected<ProjectConfig> parseProjectConfig(llvm::StringRef Text,
                                                 llvm::StringRef Path);

} // namespace refcheck
#endif
