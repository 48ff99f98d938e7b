//===- ExceptionStateChecker.cpp - Is an exception set on this path? ------===//
//
// Checks null-without-exception and exception-not-cleared.
//
// The checker follows, per path, whether the thread's exception is known to
// be set, known to be clear, or unknown:
//   - a function called by Python starts with no exception set;
//   - PyErr_SetString, PyErr_Format, PyErr_NoMemory, ... set it; PyErr_Clear,
//     PyErr_Fetch, PyErr_Print, ... clear it;
//   - a call that can fail sets it on its failure path only (NULL, -1, 0:
//     the ApiModel's ErrorKind). The failure is kept pending on the call's
//     result symbol and decided when the path constrains that symbol (or it
//     dies, or the function returns);
//   - PyErr_Occurred() splits the path: non-NULL means set, NULL clear;
//   - a call refcheck knows nothing about makes it unknown, except functions
//     from system headers outside the C API (libc), which never touch it.
// Only functions with a C-API contract (CApiHelpers.h: methods, getters,
// setters, slots, PyInit_*) are judged, when they return.
//
//===----------------------------------------------------------------------===//
#include "CApiHelpers.h"
#include "Impact.h"
#include "RefSummary.h"

#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"

using namespace clang;
using namespace ento;
using namespace refcheck;

namespace {
/// The exception state apart from pending failures. Clear is 0, the
/// default of a fresh path.
enum ExcKnown : unsigned { Clear = 0, Set = 1, Unknown = 2 };

/// A call whose failure would have set an exception, not yet decided.
struct PendingFailure {
  ErrorKind Kind;
  const Expr *Origin;
  bool operator==(const PendingFailure &O) const {
    return Kind == O.Kind && Origin == O.Origin;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(unsigned(Kind));
    ID.AddPointer(Origin);
  }
};
} // namespace

REGISTER_TRAIT_WITH_PROGRAMSTATE(ExcBase, unsigned)
/// The call that last set, cleared or blurred the exception state, for notes.
REGISTER_TRAIT_WITH_PROGRAMSTATE(ExcLastChange, const void *)
REGISTER_MAP_WITH_PROGRAMSTATE(ExcPending, SymbolRef, PendingFailure)
/// The path assumed that a pointer read from memory (a struct field, an
/// array element, a variable written by a call) is NULL. Such values are
/// usually non-NULL by invariants the analyzer cannot see, so a NULL return
/// that follows is not reported as null-without-exception.
REGISTER_TRAIT_WITH_PROGRAMSTATE(NullFromMemory, bool)
/// The result of a call that fails when an exception is set
/// (ErrorSpec::FailsIfExceptionSet), made while one was (true) or was if an
/// earlier unchecked call failed (false): the call succeeded only if none
/// was set (ExceptionStateChecker::noteExceptionAtCall).
REGISTER_MAP_WITH_PROGRAMSTATE(CalledWithException, SymbolRef, bool)

namespace {
enum class Tri { False, True, Maybe };

class ExceptionStateChecker
    : public Checker<check::ASTDecl<TranslationUnitDecl>,
                     check::BeginFunction, check::PostCall,
                     check::PreStmt<ReturnStmt>, check::DeadSymbols,
                     eval::Assume> {
  const BugType NullWithoutExcBug{this, checks::NullWithoutException,
                                  "refcheck"};
  const BugType NotClearedBug{this, checks::ExceptionNotCleared, "refcheck"};
  mutable llvm::DenseMap<const FunctionDecl *, Contract> Contracts;
  mutable llvm::DenseSet<const FunctionDecl *> RichCompare;
  mutable llvm::DenseSet<const FunctionDecl *> ArgNonNull;
  mutable llvm::DenseSet<const FunctionDecl *> ArgNull;

public:
  const CheckerConfig *Config = nullptr;
  /// The contracts of the callback fields called through.
  RefSummaryManager Summaries;

  void checkASTDecl(const TranslationUnitDecl *TU, AnalysisManager &Mgr,
                    BugReporter &BR) const {
    Contracts =
        computeContracts(TU->getASTContext(), &RichCompare, &ArgNonNull,
                         &ArgNull);
  }
  void checkBeginFunction(CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  /// After the body of a function of this file with a C-API contract was
  /// followed to a path on which the exception state is unknown: the
  /// contract held (NULL or -1 with an exception, none otherwise). Where it
  /// does not, the function itself is reported.
  void assumeContractKept(const CallEvent &Call, CheckerContext &C) const;
  void checkPreStmt(const ReturnStmt *RS, CheckerContext &C) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;
  ProgramStateRef evalAssume(ProgramStateRef State, SVal Cond,
                             bool Assumption) const;

private:
  bool enabled(const char *Check) const {
    return !Config || Config->isEnabled(Check);
  }
  const ApiModel *model() const { return Config ? Config->Model : nullptr; }
  ErrorKind kindOf(const CallEvent &Call, CheckerContext &C) const;
  ProgramStateRef noteExceptionAtCall(const CallEvent &Call,
                                      ProgramStateRef State,
                                      CheckerContext &C) const;
  /// The error convention of FD's C-API contract, if this file gives it one
  /// (a method, a getter, a slot): null-sets or negative-sets.
  std::optional<ErrorKind> contractConvention(const FunctionDecl *FD) const {
    auto It = FD ? Contracts.find(FD->getCanonicalDecl()) : Contracts.end();
    if (It == Contracts.end() || It->second == Contract::None)
      return std::nullopt;
    return It->second == Contract::ObjectOrNull ? ErrorKind::NullSets
                                                : ErrorKind::NegSets;
  }
};

/// The condition "P's call failed", on its result Sym.
std::optional<DefinedOrUnknownSVal> failureCondition(ProgramStateRef State,
                                                     SymbolRef Sym,
                                                     ErrorKind K,
                                                     SValBuilder &SVB) {
  QualType T = Sym->getType();
  bool Ptr = T->isPointerType() || T->isNullPtrType();
  SVal V = Ptr ? SVal(loc::MemRegionVal(
                     SVB.getRegionManager().getSymbolicRegion(Sym)))
               : SVal(nonloc::SymbolVal(Sym));
  return failureCondition(State, V, T, K, SVB);
}

/// Whether the call's failure always sets an exception (NULL from
/// PyDict_GetItemWithError may mean "absent", -1 from PyLong_AsLong a
/// value).
bool failureSets(ErrorKind K) {
  return K != ErrorKind::NullMaybeSets && K != ErrorKind::Ambiguous;
}

/// Whether the failure of P's call is known to have happened on this path.
Tri failed(ProgramStateRef State, SymbolRef Sym, const PendingFailure &P,
           SValBuilder &SVB) {
  std::optional<DefinedOrUnknownSVal> Fails =
      failureCondition(State, Sym, P.Kind, SVB);
  if (!Fails)
    return Tri::Maybe;
  auto [Yes, No] = State->assume(*Fails);
  if (Yes && No) // unchecked: misuse-only failures are assumed away
    return P.Kind == ErrorKind::NullOnMisuse ? Tri::False : Tri::Maybe;
  if (!Yes)
    return Tri::False;
  return failureSets(P.Kind) ? Tri::True : Tri::Maybe;
}

/// Set, Clear or Unknown, all pending failures considered.
ExcKnown currentState(ProgramStateRef State, SValBuilder &SVB) {
  unsigned Base = State->get<ExcBase>();
  if (Base == Set)
    return Set;
  bool AnyMaybe = Base == Unknown;
  for (auto [Sym, P] : State->get<ExcPending>()) {
    switch (failed(State, Sym, P, SVB)) {
    case Tri::True:
      return Set;
    case Tri::Maybe:
      AnyMaybe = true;
      break;
    case Tri::False:
      break;
    }
  }
  return AnyMaybe ? Unknown : Clear;
}

ProgramStateRef setBase(ProgramStateRef State, ExcKnown K, const Expr *By) {
  State = State->set<ExcBase>(K);
  State = State->set<ExcLastChange>(By);
  for (auto [Sym, P] : State->get<ExcPending>())
    State = State->remove<ExcPending>(Sym);
  return State;
}

/// The path learnt from a query (PyErr_Occurred(), or a project helper
/// that answers it) whether an exception is set. None: no pending call
/// whose failure sets one failed. One, where there was none before the
/// pending calls: if only one of them may have failed, it did. nullptr
/// when the answer contradicts the path.
ProgramStateRef learnExceptionState(ProgramStateRef State, bool IsSet,
                                    SValBuilder &SVB) {
  unsigned Base = State->get<ExcBase>();
  if (!IsSet && Base == Set)
    return nullptr;
  std::optional<std::pair<SymbolRef, PendingFailure>> Only;
  unsigned Candidates = 0;
  for (auto [Sym, P] : State->get<ExcPending>()) {
    Tri F = failed(State, Sym, P, SVB);
    if (F == Tri::False)
      continue;
    if (IsSet) {
      ++Candidates;
      Only = {Sym, P};
      continue;
    }
    if (!failureSets(P.Kind))
      continue;
    if (F == Tri::True)
      return nullptr;
    if (auto Fails = failureCondition(State, Sym, P.Kind, SVB))
      if (!(State = State->assume(*Fails, false)))
        return nullptr;
  }
  if (IsSet && Base == Clear && Candidates == 1)
    if (auto Fails = failureCondition(State, Only->first, Only->second.Kind,
                                      SVB))
      if (ProgramStateRef Failed = State->assume(*Fails, true))
        State = Failed;
  return State;
}

bool isSystemNonPython(const FunctionDecl *FD, const SourceManager &SM) {
  if (!FD || !FD->getIdentifier())
    return false;
  if (isPythonApiName(FD->getName()))
    return false;
  return SM.isInSystemHeader(FD->getLocation());
}
} // namespace

/// A project function whose every path returns a value >= 0, or a
/// non-NULL object (its inferred contract says it cannot fail): the
/// caller's failure branch (`if (helper(x) < 0) return NULL;`) is dead code,
/// and a NULL returned there is no bug.
static ProgramStateRef assumeCannotFail(const ApiModel *M,
                                        ProgramStateRef State,
                                        const CallEvent &Call,
                                        CheckerContext &C) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD || !FD->getIdentifier())
    return State;
  const FunctionSpec *S = functionSpecFor(M, FD->getName());
  if (!S || S->From != Source::Inferred || S->CanFail)
    return State;
  auto Ret = Call.getReturnValue().getAs<DefinedOrUnknownSVal>();
  if (!Ret)
    return State;
  QualType T = Call.getResultType();
  ProgramStateRef Out = nullptr;
  if (T->isIntegerType()) {
    SValBuilder &SVB = C.getSValBuilder();
    if (auto NonNeg = SVB.evalBinOp(State, BO_GE, *Ret, SVB.makeZeroVal(T),
                                    SVB.getConditionType())
                          .getAs<DefinedOrUnknownSVal>())
      Out = State->assume(*NonNeg, true);
  } else if (T->isPointerType() && S->Return != ReturnKind::AlwaysNull &&
             S->Return != ReturnKind::Alias) {
    Out = State->assume(*Ret, true);
  }
  return Out ? Out : State;
}

ErrorKind ExceptionStateChecker::kindOf(const CallEvent &Call,
                                        CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD || !FD->getIdentifier()) {
    // Through a callback field of the project's own struct: the convention
    // of the functions the project stores there (cbor2's
    // `self->fp_read(...) == -1`). Through another function pointer:
    // anything.
    if (std::optional<std::string> Key =
            callbackFieldKey(dyn_cast_or_null<CallExpr>(Call.getOriginExpr())))
      return Summaries.fieldErrorKind(*Key);
    return ErrorKind::Unknown;
  }
  ErrorKind K = errorKindFor(model(), FD);
  if (K == ErrorKind::Unknown && isSystemNonPython(FD, C.getSourceManager())) {
    // A library function that calls back into the code (qsort, OpenSSL's
    // EVP_MD_do_all) may run anything.
    for (unsigned I = 0, E = Call.getNumArgs(); I != E; ++I) {
      QualType T = Call.getArgExpr(I)->getType();
      if (T->isFunctionPointerType() || T->isFunctionType())
        return ErrorKind::Unknown;
    }
    return ErrorKind::NoEffect;
  }
  // A function of this file with a C-API contract (a method, a getter, a
  // slot) that the engine did not follow keeps that contract: NULL or -1
  // with an exception set, and no exception set otherwise.
  if (K == ErrorKind::Unknown)
    if (std::optional<ErrorKind> Kept = contractConvention(FD))
      return *Kept;
  return K;
}

void ExceptionStateChecker::assumeContractKept(const CallEvent &Call,
                                               CheckerContext &C) const {
  std::optional<ErrorKind> Kept = contractConvention(
      dyn_cast_or_null<FunctionDecl>(Call.getDecl()));
  ProgramStateRef State = C.getState();
  if (!Kept || State->get<ExcBase>() != Unknown)
    return;
  SVal Ret = Call.getReturnValue();
  std::optional<DefinedOrUnknownSVal> DV = failureCondition(
      State, Ret, Call.getResultType(), *Kept, C.getSValBuilder());
  if (!DV)
    return;
  const Expr *CE = Call.getOriginExpr();
  auto [Yes, No] = State->assume(*DV);
  if (Yes && !No)
    C.addTransition(setBase(Yes, Set, CE));
  else if (No && !Yes)
    C.addTransition(setBase(No, Clear, CE));
  else if (SymbolRef Sym = Ret.getAsSymbol())
    // Not decided yet: as a call the engine did not follow.
    C.addTransition(setBase(State, Clear, CE)
                        ->set<ExcPending>(Sym, PendingFailure{*Kept, CE}));
}

void ExceptionStateChecker::checkPostCall(const CallEvent &Call,
                                          CheckerContext &C) const {
  if (C.wasInlined)
    return assumeContractKept(Call, C); // the callee's body was followed
  ProgramStateRef State = assumeCannotFail(model(), C.getState(), Call, C);
  const Expr *CE = Call.getOriginExpr();
  ErrorKind K = kindOf(Call, C);
  SVal Ret = Call.getReturnValue();
  switch (K) {
  case ErrorKind::NoEffect:
  case ErrorKind::NullNoSet:
  case ErrorKind::NullIfAbsent:
    C.addTransition(State); // what assumeCannotFail learnt, if anything
    return;
  case ErrorKind::Unknown:
    if (State->get<ExcBase>() != Unknown || !State->get<ExcPending>().isEmpty())
      C.addTransition(setBase(State, Unknown, CE));
    else
      C.addTransition(State);
    return;
  case ErrorKind::AlwaysSets:
    C.addTransition(setBase(State, Set, CE));
    return;
  case ErrorKind::Clears: {
    // What was set decides what PyErr_Fetch hands out: with no exception,
    // a NULL type (its out-argument that guards the others); with one, a
    // type. PyErr_Restore of them later sets what was set before.
    // Known only below a function Python calls (a method, a slot): it
    // starts with no exception set. A helper's start is anyone's guess.
    const Decl *Top = topFrame(C.getLocationContext())->getDecl();
    const auto *TopFD = dyn_cast_or_null<FunctionDecl>(Top);
    ExcKnown Before = TopFD && Contracts.count(TopFD->getCanonicalDecl())
                          ? currentState(State, C.getSValBuilder())
                          : Unknown;
    const FunctionSpec *Spec = nullptr;
    if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl()))
      Spec = functionSpecFor(model(), FD->getName());
    if (Spec && Spec->OutNullGuard && Before != Unknown)
      if (std::optional<DefinedOrUnknownSVal> Type =
              pointeeOf(State, Call, *Spec->OutNullGuard)) {
        ProgramStateRef Known = State->assume(*Type, Before == Set);
        if (!Known) {
          C.generateSink(State, C.getPredecessor());
          return;
        }
        State = Known;
      }
    C.addTransition(setBase(State, Clear, CE));
    return;
  }
  case ErrorKind::Restores: {
    ExcKnown K = Unknown;
    if (Call.getNumArgs() > 0)
      if (auto DV = Call.getArgSVal(0).getAs<DefinedOrUnknownSVal>()) {
        auto [NonNull, Null] = State->assume(*DV);
        if (NonNull && !Null)
          K = Set;
        else if (Null && !NonNull)
          K = Clear;
      }
    C.addTransition(setBase(State, K, CE));
    return;
  }
  case ErrorKind::Matches: {
    // PyErr_ExceptionMatches() asks PyErr_Occurred(): non-zero means an
    // exception is set; zero says nothing (another one, or none). So
    // after a call whose success left none set, it is zero.
    SValBuilder &SVB = C.getSValBuilder();
    ExcKnown Now = currentState(State, SVB);
    auto DV = Ret.getAs<DefinedOrUnknownSVal>();
    if (!DV) {
      C.addTransition(State);
      return;
    }
    auto [Yes, No] = State->assume(*DV);
    if (Yes && Now != Clear)
      if (ProgramStateRef S = learnExceptionState(Yes, true, SVB))
        C.addTransition(Now == Set ? S : setBase(S, Set, CE));
    if (No)
      C.addTransition(No);
    return;
  }
  case ErrorKind::Occurred: {
    // PyErr_Occurred(), or a project helper that answers it with an int
    // (non-zero iff an exception is set). Such a helper may translate the
    // exception and clear it, so after its non-zero answer the state is
    // unknown.
    SValBuilder &SVB = C.getSValBuilder();
    ExcKnown Now = currentState(State, SVB);
    auto DV = Ret.getAs<DefinedOrUnknownSVal>();
    if (!DV)
      return;
    bool Int = !isa<Loc>(*DV);
    auto [Yes, No] = State->assume(*DV);
    if (Yes)
      if (ProgramStateRef S = learnExceptionState(Yes, true, SVB))
        C.addTransition(Int          ? setBase(S, Unknown, CE)
                        : Now == Set ? S
                                     : setBase(S, Set, CE));
    if (No && Now != Set)
      if (ProgramStateRef S = learnExceptionState(No, false, SVB))
        C.addTransition(setBase(S, Clear, CE));
    return;
  }
  case ErrorKind::NullSets:
  case ErrorKind::NullMaybeSets:
  case ErrorKind::NullOnMisuse:
  case ErrorKind::NegSets:
  case ErrorKind::ZeroSets:
  case ErrorKind::Ambiguous: {
    State = noteExceptionAtCall(Call, State, C);
    if (State->get<ExcBase>() == Set) {
      C.addTransition(State);
      return; // stays set either way
    }
    SymbolRef Sym = Ret.getAsSymbol();
    if (!Sym) {
      // A concrete result: decide now.
      if (Ret.isUnknownOrUndef())
        C.addTransition(setBase(State, Unknown, CE));
      return;
    }
    C.addTransition(State->set<ExcPending>(Sym, PendingFailure{K, CE}));
    return;
  }
  }
}

/// A call that runs Python code and checks its result
/// (ErrorSpec::FailsIfExceptionSet) made while an exception may be set:
/// set, the call fails; set only if an unchecked earlier call failed (`a =
/// PySequence_GetSlice(...); r = PyObject_CallObject(f, args); if (!r)
/// return -1; Py_DECREF(a);`), its success says that call succeeded too.
/// Recorded on the call's result (CalledWithException), for the path that
/// decides it (evalAssume): deciding here would split the path at the call
/// and leave a NULL that no check was asked about.
ProgramStateRef ExceptionStateChecker::noteExceptionAtCall(
    const CallEvent &Call, ProgramStateRef State, CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  const ErrorSpec *ES = FD ? errorSpecFor(model(), FD) : nullptr;
  SymbolRef Sym = Call.getReturnValue().getAsSymbol();
  if (!ES || !ES->FailsIfExceptionSet || !Sym ||
      !Call.getResultType()->isPointerType())
    return State;
  ExcKnown Now = currentState(State, C.getSValBuilder());
  // Unknown apart from the pending failures: anything may be set.
  if (Now == Clear || (Now == Unknown && State->get<ExcBase>() == Unknown))
    return State;
  return State->set<CalledWithException>(Sym, Now == Set);
}

/// A pointer value the code read from memory rather than got from a call
/// or as a parameter, or one the analyzer could not follow: the result of
/// a function of this file stands for a value read from memory (a freelist
/// slot returned by an inlined helper, which the analyzer cannot track
/// through a symbolic index) or for a call it did not inline (too large):
/// its NULL is not known to come from an error return.
static bool isReadFromMemory(SymbolRef Sym) {
  if (const auto *RV = dyn_cast<SymbolRegionValue>(Sym)) {
    const auto *VR = dyn_cast<VarRegion>(RV->getRegion());
    return !(VR && isa<ParmVarDecl>(VR->getDecl()));
  }
  if (isa<SymbolConjured>(Sym)) {
    // Not a call's own result: a variable the call invalidated (an
    // out-parameter).
    const CallExpr *CE = callReturning(Sym);
    if (!CE)
      return true;
    const FunctionDecl *Callee = CE->getDirectCallee();
    return Callee && Callee->hasBody();
  }
  // Derived values, and arithmetic on pointers (tagged pointers).
  return true;
}

/// The result of a call the API model says cannot fail
/// (PyModule_GetDict): a NULL check on it is dead code.
static bool isNeverNullResult(SymbolRef Sym, const ApiModel *M) {
  const auto *SC = dyn_cast<SymbolConjured>(Sym);
  const auto *CE = SC ? dyn_cast_or_null<CallExpr>(SC->getStmt()) : nullptr;
  return CE && errorKindFor(M, directCalleeName(CE)) == ErrorKind::NoEffect;
}

ProgramStateRef ExceptionStateChecker::evalAssume(ProgramStateRef State,
                                                  SVal Cond,
                                                  bool Assumption) const {
  // A call made with an exception set, now known to have succeeded: the
  // exception was not set after all, or the path cannot be.
  for (auto [Sym, WasSet] : State->get<CalledWithException>()) {
    ConditionTruthVal Null = State->getConstraintManager().isNull(State, Sym);
    if (!Null.isConstrained())
      continue;
    State = State->remove<CalledWithException>(Sym);
    if (Null.isConstrainedFalse() &&
        (WasSet ||
         !(State = learnExceptionState(
               State, false, State->getStateManager().getSValBuilder()))))
      return nullptr;
  }
  if (State->get<NullFromMemory>())
    return State;
  for (SymbolRef Sym : Cond.symbols()) {
    if (!Sym->getType()->isAnyPointerType() ||
        !(isReadFromMemory(Sym) || isNeverNullResult(Sym, model())))
      continue;
    if (State->getConstraintManager().isNull(State, Sym).isConstrainedTrue())
      return State->set<NullFromMemory>(true);
  }
  return State;
}

void ExceptionStateChecker::checkDeadSymbols(SymbolReaper &SR,
                                             CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  bool Changed = false;
  for (auto [Sym, WasSet] : State->get<CalledWithException>())
    if (SR.isDead(Sym)) {
      State = State->remove<CalledWithException>(Sym);
      Changed = true;
    }
  for (auto [Sym, P] : State->get<ExcPending>()) {
    if (!SR.isDead(Sym))
      continue;
    Tri F = failed(State, Sym, P, C.getSValBuilder());
    State = State->remove<ExcPending>(Sym);
    Changed = true;
    unsigned Base = State->get<ExcBase>();
    if (F == Tri::True && Base != Set) {
      State = State->set<ExcBase>(Set);
      State = State->set<ExcLastChange>(P.Origin);
    } else if (F == Tri::Maybe && Base == Clear) {
      State = State->set<ExcBase>(Unknown);
      State = State->set<ExcLastChange>(P.Origin);
    }
  }
  if (Changed)
    C.addTransition(State);
}

namespace {
/// Notes where the exception state last changed.
class ExcHistoryVisitor final : public BugReporterVisitor {
  static inline int SwitchTag = 0;

public:
  void Profile(llvm::FoldingSetNodeID &ID) const override {
    static int Tag = 0;
    ID.AddPointer(&Tag);
  }
  PathDiagnosticPieceRef VisitNode(const ExplodedNode *N,
                                   BugReporterContext &BRC,
                                   PathSensitiveBugReport &BR) override {
    const ExplodedNode *Pred = N->getFirstPred();
    if (!Pred)
      return nullptr;
    // A switch without `default:` left by its implicit default: the code
    // usually covers every value the variable can take (enum, Py_LT..Py_GE),
    // which the analyzer cannot know. Such paths are not reported.
    if (auto BE = N->getLocationAs<BlockEdge>()) {
      const CFGBlock *Src = BE->getSrc();
      const auto *SS = dyn_cast_or_null<SwitchStmt>(Src->getTerminatorStmt());
      if (SS && Src->succ_size() > 0 && BE->getDst() == *Src->succ_rbegin()) {
        bool HasDefault = false;
        for (const SwitchCase *SC = SS->getSwitchCaseList(); SC;
             SC = SC->getNextSwitchCase())
          HasDefault |= isa<DefaultStmt>(SC);
        if (!HasDefault)
          BR.markInvalid(&SwitchTag, nullptr);
      }
    }
    unsigned Now = N->getState()->get<ExcBase>();
    unsigned Before = Pred->getState()->get<ExcBase>();
    const void *By = N->getState()->get<ExcLastChange>();
    if (Now == Before && By == Pred->getState()->get<ExcLastChange>())
      return nullptr;
    const auto *E = static_cast<const Expr *>(By);
    if (!E || Now == Unknown)
      return nullptr;
    StringRef Callee = directCalleeName(dyn_cast<CallExpr>(E));
    std::string Msg;
    // A query (PyErr_Occurred, PyErr_ExceptionMatches) changes nothing:
    // the path learns what was already so.
    if (userFacingName(Callee).ends_with("PyErr_Occurred") ||
        userFacingName(Callee).ends_with("PyErr_ExceptionMatches"))
      Msg = Now == Set ? "Assuming an exception is set"
                       : "Assuming no exception is set";
    else if (Now == Set)
      Msg = Callee.empty() ? "An exception is set here"
                           : ("'" + userFacingName(Callee) +
                              "' sets an exception")
                                 .str();
    else
      Msg = Callee.empty() ? "No exception is set here"
                           : ("'" + userFacingName(Callee) +
                              "' leaves no exception set")
                                 .str();
    PathDiagnosticLocation Pos(E, BRC.getSourceManager(),
                               N->getLocationContext());
    return std::make_shared<PathDiagnosticEventPiece>(Pos, Msg, true);
  }
};
} // namespace

void ExceptionStateChecker::checkBeginFunction(CheckerContext &C) const {
  if (!C.inTopFrame())
    return;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(C.getLocationContext()->getDecl());
  if (!FD || !Contracts.count(FD->getCanonicalDecl()))
    return;
  ProgramStateRef State = C.getState();
  const LocationContext *LC = C.getLocationContext();
  // What Python passes as pointer parameter I: NULL or not (NonNull).
  auto Passes = [&](unsigned I, bool NonNull) {
    if (I >= FD->getNumParams() ||
        !FD->getParamDecl(I)->getType()->isPointerType())
      return;
    if (auto P = State->getSVal(State->getLValue(FD->getParamDecl(I), LC))
                     .getAs<DefinedOrUnknownSVal>())
      if (ProgramStateRef S = State->assume(*P, NonNull))
        State = S;
  };
  // Python calls a method or slot with its object (the instance, the
  // module, the type) first: never NULL. Without this, a check of a field
  // of a NULL self reads as "this helper failed without an exception".
  // Nor is METH_O's argument or METH_VARARGS's tuple: `return
  // Py_XNewRef(arg);` has no path returning NULL.
  Passes(0, true);
  if (ArgNonNull.contains(FD->getCanonicalDecl()))
    Passes(1, true);
  // A METH_NOARGS method gets NULL for its second parameter from Python:
  // CPython's _io passes Py_True there from C to ask for a borrowed
  // result (`if (args == Py_True) return Py_None;`), a path Python never
  // takes. C callers that inline the function still follow it.
  if (ArgNull.contains(FD->getCanonicalDecl()))
    Passes(1, false);
  // Python calls a tp_richcompare with one of Py_LT..Py_GE: the `default:`
  // of a switch over all six ("cannot happen") is not a path.
  if (RichCompare.contains(FD->getCanonicalDecl()) && FD->getNumParams() == 3 &&
      FD->getParamDecl(2)->getType()->isIntegerType()) {
    const ParmVarDecl *Op = FD->getParamDecl(2);
    if (auto NV = State->getSVal(State->getLValue(Op, LC)).getAs<NonLoc>()) {
      constexpr int PyLT = 0, PyGE = 5; // object.h: Py_LT, ..., Py_GE
      BasicValueFactory &BVF = C.getSValBuilder().getBasicValueFactory();
      if (ProgramStateRef In = State->assumeInclusiveRange(
              *NV, BVF.getValue(PyLT, Op->getType()),
              BVF.getValue(PyGE, Op->getType()), true))
        State = In;
    }
  }
  if (State != C.getState())
    C.addTransition(State);
}

void ExceptionStateChecker::checkPreStmt(const ReturnStmt *RS,
                                         CheckerContext &C) const {
  if (!C.inTopFrame() || !RS->getRetValue())
    return;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(C.getLocationContext()->getDecl());
  if (!FD)
    return;
  auto It = Contracts.find(FD->getCanonicalDecl());
  if (It == Contracts.end())
    return;
  ProgramStateRef State = C.getState();
  SVal V = C.getSVal(RS->getRetValue());
  auto DV = V.getAs<DefinedOrUnknownSVal>();
  if (!DV || V.isUnknown())
    return;
  bool IsError = false, IsSuccess = false;
  if (It->second == Contract::ObjectOrNull) {
    auto [NonNull, Null] = State->assume(*DV);
    IsError = Null && !NonNull;
    IsSuccess = NonNull && !Null;
  } else {
    QualType T = RS->getRetValue()->getType();
    if (!T->isIntegerType())
      return;
    SValBuilder &SVB = C.getSValBuilder();
    auto Neg = SVB.evalBinOp(State, BO_LT, V, SVB.makeZeroVal(T),
                             SVB.getConditionType())
                   .getAs<DefinedOrUnknownSVal>();
    auto [NonZero, Zero] = State->assume(*DV);
    if (Neg) {
      auto [IsNeg, NotNeg] = State->assume(*Neg);
      IsError = IsNeg && !NotNeg;
    }
    IsSuccess = Zero && !NonZero;
  }
  if (!IsError && !IsSuccess)
    return;
  ExcKnown Now = currentState(State, C.getSValBuilder());
  bool ObjectContract = It->second == Contract::ObjectOrNull;
  const BugType *BT = nullptr;
  std::string Msg;
  if (IsError && Now == Clear && !State->get<NullFromMemory>() &&
      enabled(checks::NullWithoutException)) {
    BT = &NullWithoutExcBug;
    Msg = ObjectContract
              ? "Returning NULL without setting an exception: Python raises "
                "SystemError ('error return without exception set')"
              : "Returning -1 without setting an exception: Python raises "
                "SystemError";
  } else if (IsSuccess && Now == Set && enabled(checks::ExceptionNotCleared)) {
    BT = &NotClearedBug;
    Msg = ObjectContract
              ? "Returning a result while an exception is set: clear it "
                "(PyErr_Clear) or return NULL"
              : "Returning 0 (success) while an exception is set: clear it "
                "(PyErr_Clear) or return -1";
  }
  if (!BT)
    return;
  ExplodedNode *N = C.generateNonFatalErrorNode(State);
  if (!N)
    return;
  auto R = std::make_unique<PathReport>(*BT, ordinalKey("return", RS, FD),
                                        Msg, N, model());
  R->addRange(RS->getSourceRange());
  R->addVisitor<ExcHistoryVisitor>();
  C.emitReport(std::move(R));
}

//===----------------------------------------------------------------------===//
// Registration
//===----------------------------------------------------------------------===//

void refcheck::registerExceptionStateChecker(CheckerManager &Mgr) {
  auto *C = Mgr.registerChecker<ExceptionStateChecker>();
  C->Config = activeCheckerConfig();
  C->Summaries.reset(C->Config);
}
