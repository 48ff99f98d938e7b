//===- Checker.h - The refcount checker, registered by the driver -*- C++ -*-=//
#ifndef REFCHECK_CHECKER_H
#define REFCHECK_CHECKER_H

#include "refcheck/ApiModel.h"
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
} // namespace checks

struct CheckInfo {
  const char *Id;
  const char *Summary;
  /// A paragraph for reports (SARIF's fullDescription); docs/checks.md has
  /// the examples.
  const char *Description = "";
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

/// Adds refcheck's checker to an analyzer's registry (no plugin needed).
void registerCheckers(clang::ento::CheckerRegistry &Registry);

} // namespace refcheck
#endif
