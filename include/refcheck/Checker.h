//===- Checker.h - The refcount checker, registered by the driver -*- C++ -*-=//
#ifndef REFCHECK_CHECKER_H
#define REFCHECK_CHECKER_H

#include "refcheck/ApiModel.h"
#include "refcheck/Finding.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"

namespace clang {
namespace ento {
class CheckerRegistry;
}
} // namespace clang

namespace refcheck {

/// The analyzer-visible name of refcheck's checker.
inline constexpr const char *CheckerFullName = "refcheck.PythonRefCount";

/// Check ids, as shown in `[refcheck.<id>]`, JSON and suppressions.
namespace checks {
inline constexpr const char *RefLeak = "ref-leak";
inline constexpr const char *OverRelease = "over-release";
inline constexpr const char *UseAfterRelease = "use-after-release";
inline constexpr const char *BorrowedReturn = "borrowed-return";
inline constexpr const char *StealOfBorrowed = "steal-of-borrowed";
// Beyond refcounts (ExceptionStateChecker, NullResultChecker, FormatChecker,
// MethodDefChecker).
inline constexpr const char *NullWithoutException = "null-without-exception";
inline constexpr const char *ExceptionNotCleared = "exception-not-cleared";
inline constexpr const char *UncheckedNull = "unchecked-null";
inline constexpr const char *FormatMismatch = "format-mismatch";
inline constexpr const char *MethodDefMismatch = "methoddef-mismatch";
} // namespace checks

struct CheckInfo {
  const char *Id;
  const char *Summary;
  /// A paragraph for reports (SARIF's fullDescription); docs/checks.md has
  /// the examples.
  const char *Description = "";
  /// Off unless asked for with --enable (its triaged false-positive rate on
  /// real code is too high to be on by default).
  bool OffByDefault = false;
};
/// Every check, in documentation order.
llvm::ArrayRef<CheckInfo> allChecks();
bool isKnownCheck(llvm::StringRef Id);

/// What the checker reads while a translation unit is analyzed.
struct CheckerConfig {
  const ApiModel *Model = nullptr;
  llvm::StringSet<> Disabled;
  bool isEnabled(llvm::StringRef Check) const {
    return !Disabled.contains(Check);
  }
};

/// Makes Config the one the checker reads, for the lifetime of this object.
/// The analyzer constructs checkers itself, so this is how they get it.
class ScopedCheckerConfig {
public:
  explicit ScopedCheckerConfig(const CheckerConfig &Config);
  ~ScopedCheckerConfig();

private:
  const CheckerConfig *Previous;
};

/// What a refcheck report's short description carries to the driver: the
/// finding's origin key (for its id) and, for path-sensitive reports, its
/// impact (lib/Checker/Impact.h).
struct ReportTag {
  std::string Origin;
  /// Unset for reports that do not classify their path (AST-based checks,
  /// whose findings hold on every call).
  std::optional<ImpactClass> Impact;
  /// The call whose failure or error branch the path assumes, and the
  /// phrase that says so ("when 'PyList_New' fails").
  std::string Call, Reason;
};
/// "origin=KEY", then one "impact=", "call=", "reason=" line each when set.
std::string encodeReportTag(const ReportTag &T);
/// The inverse; a description without "origin=" gives an empty tag.
ReportTag decodeReportTag(llvm::StringRef ShortDescription);

/// Adds refcheck's checker to an analyzer's registry (no plugin needed).
void registerCheckers(clang::ento::CheckerRegistry &Registry);

/// The config the driver made active (ScopedCheckerConfig), or nullptr.
const CheckerConfig *activeCheckerConfig();

/// The analyzer-visible names of every checker registerCheckers() adds; the
/// driver enables them all (each stays silent for its disabled checks).
llvm::ArrayRef<const char *> checkerFullNames();

/// Registers the checkers beyond refcounts (lib/Checker/Registration.cpp).
void registerExtraCheckers(clang::ento::CheckerRegistry &Registry);

} // namespace refcheck
#endif
