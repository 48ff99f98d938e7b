//===- Checker.h - The refcount checker, registered by the driver -*- C++ -*-=//
#ifndef REFCHECK_CHECKER_H
#define REFCHECK_CHECKER_H

#include "refcheck/ApiModel.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"

namespace clang {
class FunctionDecl;
namespace ento {
class CheckerRegistry;
}
} // namespace clang

namespace refcheck {

/// The analyzer-visible name of refcheck's checker.
inline constexpr const char *CheckerFullName = "refcheck.PythonRefCount";
/// The checker that infers a project's contracts (inference mode only).
inline constexpr const char *ContractInferenceName =
    "refcheck.ContractInference";

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
  /// Inference mode: ContractInferenceName records the contract of every
  /// function of the file another file may call into InferredSink; nothing
  /// is reported.
  bool InferContracts = false;
  std::vector<InferredContract> *InferredSink = nullptr;
  /// Inference mode: functions of the project (defined in some file of
  /// it). A call to one of them whose contract is not known yet ends the
  /// path: it is not counted until a later round knows the callee, so
  /// recursion across files starts from "no paths" and converges.
  const llvm::StringSet<> *ProjectFunctions = nullptr;
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

/// Whether FD is defined in the main file, visible to other files and
/// passes or returns objects: a function inference gives a contract.
bool wantsContract(const clang::FunctionDecl *FD);
/// The name FD's contract is filed under in the ApiModel: its identifier
/// for C functions, its qualified name for C++ members and constructors.
std::string contractName(const clang::FunctionDecl *FD);

/// Registers the checkers beyond refcounts (lib/Checker/Registration.cpp).
void registerExtraCheckers(clang::ento::CheckerRegistry &Registry);

} // namespace refcheck
#endif
