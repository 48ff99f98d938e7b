//===- Report.h - Writers: one list of findings, many formats ---*- C++ -*-===//
#ifndef REFCHECK_REPORT_H
#define REFCHECK_REPORT_H

#include "refcheck/Finding.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace refcheck {

enum class OutputFormat { Text, Json, Sarif, Github, Html };

/// A check as reports describe it (SARIF's tool.driver.rules).
struct RuleInfo {
  std::string Id;
  std::string Summary;     ///< one line
  std::string Description; ///< a paragraph
  std::string HelpUri;     ///< where the check is documented
};

/// What writers need besides the findings.
struct ReportContext {
  /// Every check the run could report, in documentation order.
  std::vector<RuleInfo> Rules;
  /// Absolute folder that relative finding paths are relative to (the
  /// current folder; writeResults() uses the Results' Root when set):
  /// SARIF's %SRCROOT%, and where the HTML report reads sources from.
  std::string SourceRoot;
  std::string ToolVersion;
};

/// Clang-style text: `file:line:col: warning: msg [refcheck.check]`, then the
/// path notes, then one line per file that could not be analyzed.
void writeText(llvm::raw_ostream &OS, const Results &R);

/// What the text formats append to a finding's line: empty for every-call,
/// else ` [error-path: when 'PyArg_ParseTuple' fails]`.
std::string impactSuffix(const Finding &F);

/// One finding as the JSON document (docs/json-format.md) shows it.
llvm::json::Object findingJson(const Finding &F);

/// The JSON document described in docs/json-format.md.
void writeJson(llvm::raw_ostream &OS, const Results &R);

/// CPython regrtest's line: `TEST leaked [1, 1, 1] references, sum=3`.
std::string leakLine(llvm::StringRef Test, llvm::StringRef What,
                     const std::vector<long long> &Deltas);

/// The confirmation of a finding (set by `refcheck confirm`) as lines of
/// text, for every format: its status, its Python entry points, and each
/// test's outcome and deltas. Empty without a confirmation.
std::vector<std::string> confirmationLines(const Finding &F);

/// The `confirmation` object of the JSON document (and of SARIF's result
/// properties).
llvm::json::Object confirmationJson(const Confirmation &C);

/// The confirmation of a finding (set by `refcheck confirm`) as note lines:
/// its status, its Python entry points, and each test's measured deltas.
void writeConfirmationText(llvm::raw_ostream &OS, const Finding &F);

/// SARIF 2.1.0 (docs/integration.md): rules, results with code flows and
/// partial fingerprints from the finding ids.
void writeSarif(llvm::raw_ostream &OS, const Results &R,
                const ReportContext &Ctx);

/// GitHub Actions workflow commands: one `::warning` per finding, one
/// `::error` per file that could not be analyzed, then a summary line.
void writeGithub(llvm::raw_ostream &OS, const Results &R);

/// One self-contained HTML page: each finding with its function's source and
/// the path steps marked on their lines.
void writeHtml(llvm::raw_ostream &OS, const Results &R,
               const ReportContext &Ctx);

void writeResults(llvm::raw_ostream &OS, const Results &R, OutputFormat F,
                  const ReportContext &Ctx = {});

/// Escaping for GitHub workflow commands: a command's message (% CR LF), and
/// a property value (also ':' and ',').
std::string escapeGithubData(llvm::StringRef S);
std::string escapeGithubProperty(llvm::StringRef S);

/// A file path as a URI reference: '/'-separated, with characters outside
/// RFC 3986's unreserved set and '/' percent-encoded.
std::string pathToUriReference(llvm::StringRef Path);

} // namespace refcheck
#endif
