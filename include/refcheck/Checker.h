//===- Checker.h - The refcount checker, registered by the driver -*- C++ -*-=//
#ifndef REFCHECK_CHECKER_H
#define REFCHECK_CHECKER_H

#include "refcheck/ApiModel.h"
#include "refcheck/Finding.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace clang {
class ASTContext;
class Decl;
class CallExpr;
class SourceLocation;
class SourceManager;
class FieldDecl;
class FunctionDecl;
class LangOptions;
class Expr;
namespace ento {
class CheckerRegistry;
class FunctionSummariesTy;
}
} // namespace clang

namespace refcheck {

/// The checker that infers a project's contracts (inference mode only;
/// not in Checks.def, the driver turns it on itself).
inline constexpr const char *ContractInferenceName =
    "refcheck.ContractInference";

/// The modelling checker that ends the paths on which a pointer the code
/// read through is NULL (Checks.def). Contract inference runs it too.
inline constexpr const char *DereferenceModelName =
    "refcheck.modeling.Dereference";

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
  /// Inference mode: when not empty, only these functions get a contract
  /// (the ones another file of the project calls); the others are not
  /// explored as top-level functions at all.
  const llvm::StringSet<> *InferOnly = nullptr;
  /// Inference mode: also give contracts to the file's static functions
  /// that have objects to pass and that the analysis of their callers will
  /// not follow (wantsUnitContract); the driver keeps them in the parse
  /// (HelperPhase).
  bool InferUnitLocal = false;
  /// Inference mode: only those.
  bool InferUnitLocalOnly = false;
  /// Inference mode: the helpers whose exploration called a helper with no
  /// contract yet (a cycle of calls; callees come first): the contract says
  /// the result is unknown where a later round could know it.
  llvm::StringSet<> *WaitedSink = nullptr;
  /// Inference mode, with InferUnitLocalOnly: only these helpers are
  /// explored (the second round, for those WaitedSink named).
  const llvm::StringSet<> *HelperRedo = nullptr;
  /// Inference mode: the static helpers' contracts, which a phase of the
  /// same parse inferred before this one.
  const llvm::StringMap<const InferredContract *> *UnitHelpers = nullptr;
  /// Analysis mode: the analysed file's own contracts, which its functions
  /// carry as annotations. The callback fields' (callbackFieldKey) have no
  /// declaration to carry them: calls through them look here.
  const llvm::StringMap<const InferredContract *> *OwnContracts = nullptr;
  /// Analysis mode: told when each top-level function's exploration
  /// begins and what it inlines, and asked whether to explore it at all
  /// (the driver's per-function result cache).
  class TopLevelObserver *TopLevel = nullptr;
  /// Inference mode: told what each top-level exploration added to what
  /// the phase knows, and given the checker's hand to add it again (the
  /// driver's per-function inference cache).
  class InferenceMemo *Memo = nullptr;
  bool isEnabled(llvm::StringRef Check) const {
    return !Disabled.contains(Check);
  }
};

/// What the analysis tells the driver about its top-level functions, so
/// that a function whose code did not change since the last run keeps the
/// findings that run made (lib/Driver/FunctionCache.h). The modelling
/// checker PythonScope calls it.
class TopLevelObserver {
public:
  virtual ~TopLevelObserver();
  /// The exploration of D as a top-level function is about to begin (the
  /// reports of the previous one are all made). Memory: what the engine
  /// learned of the unit's functions in the explorations so far (which not
  /// to inline again, how often each was inlined). True: do not explore
  /// it.
  virtual bool beginTopLevel(const clang::Decl *D,
                             clang::ento::FunctionSummariesTy *Memory) = 0;
  /// The exploration of Top went into Callee (inlined it).
  virtual void inlined(const clang::Decl *Top, const clang::Decl *Callee) = 0;
};

/// What one top-level exploration of an inference added to what its phase
/// knows: the contracts ContractInference keeps for the calls after it and
/// hands to InferredSink, and the helpers it names to WaitedSink. A warm
/// run applies it again in place of exploring a function whose code and
/// inputs did not change (lib/Driver/InferenceCache.h).
struct InferenceStep {
  enum class Kind {
    /// The function's contract: kept, and handed to InferredSink.
    Set,
    /// Kept for the calls after it unless one is kept already, not handed
    /// over (an exploration cut short: nothing is known of the function).
    Keep,
    /// One more function stored in a callback field: merged into the
    /// field's contract, which InferredSink holds.
    MergeField,
    /// The helper waited on one explored after it (WaitedSink): only the
    /// contract's name counts.
    Waited,
  };
  struct Change {
    Kind K;
    InferredContract C;
  };
  std::vector<Change> Changes;
};

/// Where an inference's checker tells each exploration's step, and from
/// which it takes steps to apply again.
class InferenceMemo {
public:
  virtual ~InferenceMemo();
  /// The phase's checker registered: Apply makes a step happen as its
  /// exploration did; Known holds the contracts it keeps (by name).
  virtual void attach(std::function<void(const InferenceStep &)> Apply,
                      const llvm::StringMap<InferredContract> *Known) = 0;
  /// The exploration of Top ended with Step, which is applied right after
  /// (Known is still as it was when the exploration began).
  virtual void explored(const clang::Decl *Top, const InferenceStep &Step) = 0;
};

/// The AnalyzerOptions::Config key the driver sets to "true" to have every
/// refcheck path report refuted with Z3 (lib/Checker/Refutation.cpp), in
/// place of the analyzer's own crosscheck-with-z3.
constexpr const char *RefuteWithZ3Key = "refcheck-refute-with-z3";

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
  /// Reports of one check at one place, in one function, with the same
  /// non-empty key are one finding whatever their origin: a ref-leak's
  /// holder, how it leaks and how many references (one variable leaked at
  /// one `return`, whichever call made what it holds).
  std::string SameAs;
};
/// "origin=KEY", then one "impact=", "call=", "reason=", "same=" line each
/// when set.
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

/// Whether FD is defined in the main file, visible to other files and
/// passes or returns objects, or returns an int and asks whether an
/// exception is set: a function inference gives a contract.
bool wantsContract(const clang::FunctionDecl *FD);
/// Whether FD is a static function of the unit's code, worth a contract
/// as wantsContract asks, that the analysis of its callers is unlikely to
/// follow (hardToFollow): its contract serves the calls the analyzer
/// evaluates without its body.
bool wantsUnitContract(const clang::FunctionDecl *FD);
/// Whether the analyzer is unlikely to inline FD where it is called: FD is
/// variadic, has a loop (a path through a loop of unknown count reaches the
/// block bound, and the analyzer then stops inlining the function), or is
/// large (14 blocks or more: the analyzer inlines such a function at most
/// 32 times in a unit, and never past 100 blocks).
bool hardToFollow(const clang::FunctionDecl *FD);
/// Whether the inference of a unit in language LO stops inlining a
/// function of the unit once its exploration is done (it has a contract,
/// or ran out of budget), its calls then reading what is known of it: C
/// only. C++ members share a contract name across overloads and reach the
/// analysis as annotations only, so their calls are followed as before.
bool inferenceReadsOwnContracts(const clang::LangOptions &LO);
/// Whether FD's body asks whether an exception is set (PyErr_Occurred).
bool queriesException(const clang::FunctionDecl *FD);
/// The name FD's contract is filed under in the ApiModel: its identifier
/// for C functions, its qualified name for C++ members and constructors.
std::string contractName(const clang::FunctionDecl *FD);
/// The function an initializer or argument names (`f`, `&f`, `(cast)f`).
const clang::FunctionDecl *referencedFunction(const clang::Expr *E);
/// Whether Loc (its expansion) is in the unit's own code: the main file,
/// or a source file (.c, .cc, .cpp, .cxx) outside the system headers that
/// the main file includes, as modules built from several .c files
/// #included into one do. Headers are not.
bool isInCodeFile(const clang::SourceManager &SM, clang::SourceLocation Loc);
/// Whether the unit includes such a source file with a function body in
/// it: the analyzer then explores those functions as top-level ones too.
bool includesCodeFiles(clang::ASTContext &Ctx);
/// The name under which the contract of a callback field is filed,
/// "Record.field": a function-pointer field of a struct the project
/// declares (not the C API's own Py* structs, nor a system header's), whose
/// type passes or returns a Python object. Calls through it
/// (`r->visit(kind, obj, r)`) follow the contract of the functions the
/// project stores there. nullopt for any other field.
std::optional<std::string> callbackFieldKey(const clang::FieldDecl *FD);
/// The callback field a call goes through (`r->visit(...)`,
/// `(*r->visit)(...)`), as callbackFieldKey names it; nullopt for a direct
/// call or any other callee.
std::optional<std::string> callbackFieldKey(const clang::CallExpr *CE);
/// The functions this unit's code (isInCodeFile) defines and stores in
/// callback fields, per field key: `x.visit = f;`, `x->visit = &f;`,
/// `{.visit = f}` and positional struct initializers. A field also given
/// other values (a parameter, a variable) keeps only its function bindings.
using CallbackBindings =
    std::map<std::string, llvm::SmallVector<const clang::FunctionDecl *, 2>>;
CallbackBindings callbackBindings(clang::ASTContext &Ctx);
/// Whether one of FD's declarations carries a refcount annotation the user
/// wrote (REFCHECK_STEALS_ARG, REFCHECK_RETURNS_*, or cpychecker's
/// attributes): it then overrides the contract inferred from FD's body.
bool hasUserRefAnnotation(const clang::FunctionDecl *FD);


} // namespace refcheck
#endif
