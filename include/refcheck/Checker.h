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

/// Check ids, as shown in `[refcheck.<id>]`, JSON and suppressions
/// (refcheck/Checks.def declares them).
namespace checks {
#define CHECK(Name, Id, Checker, OffByDefault, Summary, Description)          \
  inline constexpr const char *Name = Id;
#include "refcheck/Checks.def"
} // namespace checks

struct CheckInfo {
  const char *Id;
  const char *Summary;
  const char *Description = "";
  bool OffByDefault = false;
  /// The analyzer-visible name of the checker that reports it.
  const char *CheckerName = "";
};
/// Every check, in documentation order (refcheck/Checks.def).
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

/// The config the driver made active (ScopedCheckerConfig), or nullptr.
const CheckerConfig *activeCheckerConfig();

/// The analyzer-visible names of every checker registerCheckers() adds; the
/// driver enables them all (each stays silent for its disabled checks).
llvm::ArrayRef<const char *> checkerFullNames();

} // namespace refcheck
#endif
