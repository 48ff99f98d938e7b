//===- Impact.cpp - How often a path-sensitive finding happens ------------===//
//
// The path is walked from the root to the error node. Each call on it whose
// error convention says how it fails leaves a pending test on its result
// (is it NULL, 0, negative, non-zero?); the test is decided by the first
// later state that constrains the result one way or the other, which is how
// the code's own `if (!r)` or the checker's split of a conditional steal
// ("Assuming 'PyModule_AddObject' fails") shows on the path. A call that
// always raises is an error branch where it is made.
//
//===----------------------------------------------------------------------===//
#include "Impact.h"
#include "CApiHelpers.h"
#include "Refutation.h"

#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporterVisitors.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SValBuilder.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/ImmutableSet.h"

using namespace clang;
using namespace ento;
using namespace refcheck;

//===----------------------------------------------------------------------===//
// The report tag
//===----------------------------------------------------------------------===//

std::string refcheck::encodeReportTag(const ReportTag &T) {
  std::string S = "origin=" + T.Origin;
  if (T.Impact) {
    S += "\nimpact=";
    S += toString(*T.Impact);
  }
  if (!T.Call.empty())
    S += "\ncall=" + T.Call;
  if (!T.Reason.empty())
    S += "\nreason=" + T.Reason;
  if (!T.SameAs.empty())
    S += "\nsame=" + T.SameAs;
  return S;
}

ReportTag refcheck::decodeReportTag(llvm::StringRef Short) {
  ReportTag T;
  if (!Short.starts_with("origin="))
    return T;
  llvm::SmallVector<llvm::StringRef, 4> Lines;
  Short.split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    auto [Key, Value] = L.split('=');
    if (Key == "origin")
      T.Origin = Value.str();
    else if (Key == "impact")
      T.Impact = parseImpactClass(Value);
    else if (Key == "call")
      T.Call = Value.str();
    else if (Key == "reason")
      T.Reason = Value.str();
    else if (Key == "same")
      T.SameAs = Value.str();
  }
  return T;
}

const ReportTag &refcheck::moreFrequent(const ReportTag &A,
                                        const ReportTag &B) {
  ImpactClass IA = A.Impact.value_or(ImpactClass::EveryCall);
  ImpactClass IB = B.Impact.value_or(ImpactClass::EveryCall);
  return IB < IA ? B : A;
}

//===----------------------------------------------------------------------===//
// Classifying a path
//===----------------------------------------------------------------------===//

namespace {
/// What a later state must prove about a call's result for the path to
/// have taken its failure.
enum class FailureTest : uint8_t { None, IsZero, IsNonZero, IsNegative };

struct PendingCall {
  SVal Result;
  QualType Type;
  FailureTest Test;
  std::string Callee;
  bool Memory;
  /// PyErr_Occurred(): non-NULL is the error branch, not a failure.
  bool ExceptionQuery;
  /// Tested at least once: then only a change of the constraints can
  /// decide it.
  bool Tested = false;
};

/// One failure or error branch the path takes.
struct Cause {
  std::string Callee;
  bool Memory;
  std::string Reason;
};

enum class Proof { Yes, No, Unknown };

Proof proves(ProgramStateRef State, const PendingCall &P) {
  if (P.Test == FailureTest::IsNegative) {
    SValBuilder &SVB = State->getStateManager().getSValBuilder();
    auto Neg = SVB.evalBinOp(State, BO_LT, P.Result, SVB.makeZeroVal(P.Type),
                             SVB.getConditionType())
                   .getAs<DefinedOrUnknownSVal>();
    if (!Neg || Neg->isUnknown())
      return Proof::Unknown;
    auto [Yes, No] = State->assume(*Neg);
    if (Yes && !No)
      return Proof::Yes;
    if (No && !Yes)
      return Proof::No;
    return Proof::Unknown;
  }
  ConditionTruthVal Zero = State->isNull(P.Result);
  if (Zero.isUnderconstrained())
    return Proof::Unknown;
  bool IsZero = Zero.isConstrainedTrue();
  return IsZero == (P.Test == FailureTest::IsZero) ? Proof::Yes : Proof::No;
}

/// How CE's failure would show in its result, by its error convention. The
/// C-API convention (a PyObject* result is NULL on failure) covers
/// functions the model does not know, unless the analyzer went into their
/// bodies (then the failures inside are on the path themselves).
/// The function called, or the slot for a call through a type's slot
/// (`type->tp_alloc(type, 0)`), which the model knows by the slot's name.
StringRef calleeName(const CallExpr *CE) {
  StringRef Name = directCalleeName(CE);
  if (!Name.empty())
    return Name;
  const Expr *Callee = CE->getCallee()->IgnoreParenImpCasts();
  if (const auto *ME = dyn_cast<MemberExpr>(Callee))
    if (const IdentifierInfo *II = ME->getMemberDecl()->getIdentifier())
      if (II->getName().starts_with("tp_"))
        return II->getName();
  return "";
}

/// The error convention of the function CE calls: its declaration's own
/// annotation first, then the model's row for Name.
const ErrorSpec *callErrorSpec(const ApiModel *Model, const CallExpr *CE,
                               StringRef Name) {
  if (const ErrorSpec *A = annotatedErrorSpec(CE->getDirectCallee()))
    return A;
  return errorSpecFor(Model, Name);
}
ErrorKind callErrorKind(const ApiModel *Model, const CallExpr *CE,
                        StringRef Name) {
  if (const ErrorSpec *A = annotatedErrorSpec(CE->getDirectCallee()))
    return A->Kind;
  return errorKindFor(Model, Name);
}

/// C library functions whose negative int result is a value, not a
/// failure: comparisons, known by their name (`strcmp`, `git_oid_cmp`,
/// `..._compare`), and number conversions.
bool negativeIsValue(StringRef Name) {
  static constexpr llvm::StringLiteral Values[] = {
      "abs",     "atoi",     "atol",    "atoll",   "labs",   "llabs",
      "llrint",  "llround",  "lrint",   "lround",  "strcoll", "strtol",
      "strtoll", "tolower",  "toupper", "towlower", "towupper", "wcscoll",
  };
  if (llvm::is_contained(Values, Name))
    return true;
  StringRef Lower = Name.rtrim("_0123456789");
  return Lower.ends_with("cmp") || Lower.ends_with("compare");
}

/// The C-API convention's failure of a result of type T: NULL for an
/// object, a negative value for a signed int (when SignedIntFails).
FailureTest cApiConventionTest(QualType T, bool SignedIntFails) {
  if (isPyObjectPointerType(T))
    return FailureTest::IsZero;
  if (SignedIntFails && T->isSignedIntegerType())
    return FailureTest::IsNegative;
  return FailureTest::None;
}

/// The field a call goes through when it calls a function pointer held in
/// a struct (`capi->setstate(self)`, persistent's C API table), other than
/// a type's slots (calleeName() knows those).
const FieldDecl *calledField(const CallExpr *CE) {
  const auto *ME = dyn_cast<MemberExpr>(CE->getCallee()->IgnoreParenImpCasts());
  return ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
}

std::optional<PendingCall> failureTestFor(const CallExpr *CE, SVal Result,
                                          const ApiModel *Model,
                                          bool Inlined) {
  StringRef Name = calleeName(CE);
  QualType T = CE->getType();
  if (Name.empty()) {
    // A function pointer of a table the analysis cannot follow follows
    // the C-API convention: a NULL object or a negative int is its
    // failure, named by the field.
    const FieldDecl *F = calledField(CE);
    if (!F || !F->getIdentifier() || Inlined)
      return std::nullopt;
    FailureTest Test = cApiConventionTest(T, /*SignedIntFails=*/true);
    if (Test == FailureTest::None)
      return std::nullopt;
    return PendingCall{Result, T, Test, F->getName().str(), false, false};
  }
  const ErrorSpec *Spec = callErrorSpec(Model, CE, Name);
  ErrorKind K = callErrorKind(Model, CE, Name);
  bool Memory = Spec && Spec->FailsOnlyOnMemory;
  bool Ptr = T->isPointerType(), Int = T->isIntegerType();
  FailureTest Test = FailureTest::None;
  bool Query = false;
  switch (K) {
  case ErrorKind::NullSets:
  case ErrorKind::NullOnMisuse:
  case ErrorKind::NullIfAbsent:
    if (Ptr)
      Test = FailureTest::IsZero;
    break;
  case ErrorKind::NullNoSet:
    // NULL means "absent" (PyDict_GetItem), except for allocators.
    if (Ptr && Memory)
      Test = FailureTest::IsZero;
    break;
  case ErrorKind::ZeroSets:
    if (Int)
      Test = FailureTest::IsZero;
    break;
  case ErrorKind::NegSets:
    if (Int)
      Test = Spec && Spec->ZeroOnSuccess ? FailureTest::IsNonZero
                                         : FailureTest::IsNegative;
    break;
  case ErrorKind::Occurred:
  case ErrorKind::Matches:
    // PyErr_Occurred(), or a helper answering it with an int;
    // PyErr_ExceptionMatches().
    if (Ptr || Int) {
      Test = FailureTest::IsNonZero;
      Query = true;
    }
    break;
  case ErrorKind::Unknown: {
    if (Ptr && Memory) {
      Test = FailureTest::IsZero;
      break;
    }
    if (Spec)
      break;
    // A function of the project the analyzer went into: the failures
    // inside it are on the path, and a negative constant it returned is a
    // failure of its own (cvxopt's static `if (import_cvxopt() < 0) return
    // NULL;`, whose `return -1;` says the capsule it looked up is not
    // valid: no call inside failed). Not a value it computed or read (a
    // hash table's negative index for an empty slot, multidict's
    // htkeys_get_index), nor Python's inline functions, nor comparisons.
    if (Inlined) {
      if (T->isSignedIntegerType() && isa<nonloc::ConcreteInt>(Result) &&
          !Name.starts_with("Py") && !Name.starts_with("_Py") &&
          !negativeIsValue(Name))
        Test = FailureTest::IsNegative;
      break;
    }
    // A function of the project whose error convention is not known (no
    // row, or an inferred contract whose paths did not agree): by the
    // C-API convention a NULL object or a negative int is its failure.
    // An int of a library outside Python (strcmp) is a value.
    const FunctionSpec *FS = functionSpecFor(Model, Name);
    if (FS && FS->From != Source::Inferred)
      break;
    // The same holds for a C library's functions (libgit2's `if (err < 0)`,
    // `open()`'s -1), except those whose negative result is a value.
    Test =
        cApiConventionTest(T, CE->getDirectCallee() && !negativeIsValue(Name));
    break;
  }
  default:
    break;
  }
  if (Test == FailureTest::None)
    return std::nullopt;
  return PendingCall{Result, T, Test, userFacingName(Name).str(), Memory,
                     Query};
}

std::string quoted(StringRef Callee) { return ("'" + Callee + "'").str(); }

/// The error branch CE's call makes, when it always raises (PyErr_Format,
/// a project function annotated REFCHECK_SETS_EXCEPTION).
std::optional<Cause> raisingCause(const ApiModel *Model, const CallExpr *CE) {
  StringRef Name = calleeName(CE);
  if (Name.empty() || callErrorKind(Model, CE, Name) != ErrorKind::AlwaysSets)
    return std::nullopt;
  const ErrorSpec *Spec = callErrorSpec(Model, CE, Name);
  std::string U = userFacingName(Name).str();
  return Cause{U, Spec && Spec->FailsOnlyOnMemory,
               "on the error branch that calls " + quoted(U)};
}
} // namespace

namespace {
/// Where the forward walk of a path stands after one node: everything the
/// rest of the path needs from the part already walked. The walk from the
/// root to a node is the same for every path through it (paths follow
/// first predecessors), so a snapshot taken at a node serves every later
/// report whose path goes through that node.
struct WalkState {
  /// The first failure or error branch about memory, and the first that
  /// is not: all the verdict needs of the causes.
  std::optional<Cause> FirstMemory, FirstNotMemory;
  std::vector<PendingCall> Pending;
  /// Results already seen: a call has several nodes after it.
  llvm::ImmutableSet<const SymExpr *> SeenSyms;
  /// The call the analyzer just came back from, by call site and caller,
  /// until the next statement: its result's node, if a checker made one,
  /// comes right after. (Kept longer, a loop's next pass through the same
  /// call, not inlined, read as inlined, and its failure as no failure.)
  std::optional<std::pair<const Stmt *, const LocationContext *>> Exited;
  /// The state the pending tests were last tried on.
  ProgramStateRef Last;
  const Stmt *PrevCall = nullptr;

  explicit WalkState(llvm::ImmutableSet<const SymExpr *> Empty)
      : SeenSyms(Empty) {}

  void addCause(Cause C) {
    std::optional<Cause> &Slot = C.Memory ? FirstMemory : FirstNotMemory;
    if (!Slot)
      Slot = std::move(C);
  }
};

/// The call CE has returned at node N (its result is bound there): what
/// the rest of the path must prove for it to have failed, or the error
/// branch it makes.
void noteCall(WalkState &W, const ExplodedNode *N, const CallExpr *CE,
              bool WasInlined, const ApiModel *Model,
              llvm::ImmutableSet<const SymExpr *>::Factory &Syms) {
  SVal V = N->getSVal(CE);
  const SymExpr *Sym = V.getAsSymbol(/*IncludeBaseRegions=*/true);
  bool New = !Sym || !W.SeenSyms.contains(Sym);
  if (Sym && New)
    W.SeenSyms = Syms.add(W.SeenSyms, Sym);
  if (New && (!calleeName(CE).empty() || calledField(CE))) {
    if (std::optional<Cause> Raises = raisingCause(Model, CE)) {
      W.addCause(std::move(*Raises));
    } else if (!V.isUnknownOrUndef()) {
      if (auto PC = failureTestFor(CE, V, Model, WasInlined))
        W.Pending.push_back(std::move(*PC));
    }
  }
}

/// One step of the walk: node N, after the nodes before it.
void walkNode(WalkState &W, const ExplodedNode *N, const ApiModel *Model,
              llvm::ImmutableSet<const SymExpr *>::Factory &Syms) {
  ProgramPoint P = N->getLocation();
  const LocationContext *LC = N->getLocationContext();
  if (auto CEE = P.getAs<CallExitEnd>()) {
    const Stmt *Site = CEE->getCalleeContext()->getCallSite();
    W.Exited.emplace(Site, LC);
    // The result of a call the analyzer went into is bound here; a node
    // after it for the same call comes only if a checker made one.
    const auto *CE = dyn_cast_or_null<CallExpr>(Site);
    if (CE && CE != W.PrevCall)
      noteCall(W, N, CE, /*WasInlined=*/true, Model, Syms);
    W.PrevCall = CE;
  } else if (P.getKind() == ProgramPoint::PostStmtKind) {
    const auto *CE = dyn_cast_or_null<CallExpr>(P.castAs<PostStmt>().getStmt());
    bool WasInlined =
        CE && W.Exited && *W.Exited == std::make_pair((const Stmt *)CE, LC);
    W.Exited.reset();
    if (CE && CE != W.PrevCall)
      noteCall(W, N, CE, WasInlined, Model, Syms);
    W.PrevCall = CE;
  } else {
    W.PrevCall = nullptr;
  }
  // Decide the pending tests on each new state.
  ProgramStateRef State = N->getState();
  if (State == W.Last || W.Pending.empty())
    return;
  // A test is decided by the constraints alone: most nodes leave them as
  // they were, and asking again would build the same two states again.
  bool SameConstraints =
      W.Last &&
      State->getConstraintManager().haveEqualConstraints(W.Last, State);
  W.Last = State;
  for (size_t I = 0; I < W.Pending.size();) {
    if (SameConstraints && W.Pending[I].Tested) {
      ++I;
      continue;
    }
    W.Pending[I].Tested = true;
    Proof Pr = proves(State, W.Pending[I]);
    if (Pr == Proof::Unknown) {
      ++I;
      continue;
    }
    if (Pr == Proof::Yes) {
      const PendingCall &PC = W.Pending[I];
      W.addCause({PC.Callee, PC.Memory,
                  PC.ExceptionQuery
                      ? "when " + quoted(PC.Callee) + " reports an exception"
                      : "when " + quoted(PC.Callee) + " fails"});
    }
    W.Pending.erase(W.Pending.begin() + I);
  }
}

/// Snapshots of the walk at the nodes where paths part (more than one
/// successor), for the graph of the top-level function being analyzed.
/// Those nodes are final when a report below them is made (their
/// successors all exist) and the analyzer never reclaims them, so a
/// snapshot stays true until the graph goes away (resetImpactCache).
struct ImpactCache {
  llvm::ImmutableSet<const SymExpr *>::Factory Syms;
  llvm::DenseMap<const ExplodedNode *, std::unique_ptr<WalkState>> At;
};
} // namespace

static thread_local std::unique_ptr<ImpactCache> TheCache;

/// A leak is found where the object dies, which on an error branch is
/// often before the branch's raising call: `if (!PyLong_Check(res)) {
/// PyErr_SetString(...); return -1; }` leaks res at the PyErr_SetString
/// (typeobject.c's slot_tp_hash). So when the path itself shows no failure,
/// the statements the error node's frame still runs in its block, up to a
/// return or goto, are read for a call that always raises.
static std::optional<Cause> raisingCallAhead(const ExplodedNode *N,
                                             const ApiModel *Model) {
  const Stmt *S = N->getStmtForDiagnostics();
  if (!S)
    S = N->getNextStmtForDiagnostics();
  if (!S)
    return std::nullopt;
  const ParentMap &PM = N->getLocationContext()->getParentMap();
  // The statement of the enclosing block S belongs to.
  const Stmt *Child = S;
  const Stmt *Parent = PM.getParent(Child);
  while (Parent && !isa<CompoundStmt>(Parent)) {
    if (isa<IfStmt, ForStmt, WhileStmt, DoStmt, SwitchStmt>(Parent))
      return std::nullopt; // a condition: the branch is not taken yet
    Child = Parent;
    Parent = PM.getParent(Child);
  }
  const auto *Block = dyn_cast_or_null<CompoundStmt>(Parent);
  if (!Block)
    return std::nullopt;
  struct Calls : RecursiveASTVisitor<Calls> {
    const ApiModel *Model;
    std::optional<Cause> Found;
    bool VisitCallExpr(CallExpr *CE) {
      if (!Found)
        Found = raisingCause(Model, CE);
      return !Found;
    }
    // Only what runs for sure: not the bodies of nested branches.
    bool TraverseIfStmt(IfStmt *) { return true; }
    bool TraverseSwitchStmt(SwitchStmt *) { return true; }
  } C;
  C.Model = Model;
  bool Started = false;
  for (const Stmt *Sib : Block->body()) {
    Started |= Sib == Child;
    if (!Started)
      continue;
    C.TraverseStmt(const_cast<Stmt *>(Sib));
    if (C.Found || isa<ReturnStmt, GotoStmt>(Sib))
      break;
  }
  return C.Found;
}

void refcheck::resetImpactCache() { TheCache.reset(); }

ReportTag refcheck::classifyPath(const ExplodedNode *ErrorNode,
                                 const ApiModel *Model,
                                 StringRef NeedsFailureOf, bool Cached) {
  std::optional<ImpactCache> Local;
  ImpactCache *Cache;
  if (Cached) {
    if (!TheCache)
      TheCache = std::make_unique<ImpactCache>();
    Cache = TheCache.get();
  } else {
    Cache = &Local.emplace();
  }
  // Back to the root, or to the nearest node with a snapshot.
  llvm::SmallVector<const ExplodedNode *, 256> Rest;
  const WalkState *From = nullptr;
  for (const ExplodedNode *N = ErrorNode; N; N = N->getFirstPred()) {
    if (Cached)
      if (auto It = Cache->At.find(N); It != Cache->At.end()) {
        From = It->second.get();
        break;
      }
    Rest.push_back(N);
  }
  WalkState W = From ? *From : WalkState(Cache->Syms.getEmptySet());
  for (const ExplodedNode *N : llvm::reverse(Rest)) {
    walkNode(W, N, Model, Cache->Syms);
    if (Cached && N->succ_size() > 1)
      Cache->At[N] = std::make_unique<WalkState>(W);
  }

  if (!W.FirstMemory && !W.FirstNotMemory)
    if (std::optional<Cause> Ahead = raisingCallAhead(ErrorNode, Model))
      W.addCause(std::move(*Ahead));

  // The bug's own need comes first: a result used unchecked fails.
  std::optional<Cause> Needs;
  const ErrorSpec *NeedsSpec =
      NeedsFailureOf.empty() ? nullptr : errorSpecFor(Model, NeedsFailureOf);
  // A lookup's NULL that means "absent" (PyDict_GetItem, and
  // PyDict_GetItemWithError's without an error) is no failure: the
  // caller's data decides it (cbor2's `Py_INCREF(PyDict_GetItem(kwargs,
  // ...))` crashes whenever the keyword is left out), so the path's own
  // failures, if any, class the finding. Not so PyThreadState_GetDict's
  // NULL, which needs a thread with no state.
  bool NeedsAbsence = NeedsSpec && NeedsSpec->NullIsAbsentKey;
  if (!NeedsFailureOf.empty() && !NeedsAbsence) {
    std::string Name = userFacingName(NeedsFailureOf).str();
    Needs = Cause{Name, NeedsSpec && NeedsSpec->FailsOnlyOnMemory,
                  "when " + quoted(Name) + " fails"};
  }
  ReportTag T;
  T.Impact = ImpactClass::EveryCall;
  const Cause *Blame = nullptr;
  if (Needs) {
    // The bug cannot happen more often than the failure it needs: a NULL
    // from PyDict_New used unchecked is an allocation failure, whatever
    // else failed on the path shown (an earlier error branch, or a call
    // that failed because it was handed that NULL).
    Blame = &*Needs;
    T.Impact =
        Needs->Memory ? ImpactClass::AllocationFailure : ImpactClass::ErrorPath;
  } else if (W.FirstMemory) {
    // A path that needs memory to run out happens no more often than
    // that, whatever else fails on it (`PyModule_AddObject` failing, then
    // a later lookup: the leak of what AddObject did not take needs the
    // first).
    Blame = &*W.FirstMemory;
    T.Impact = ImpactClass::AllocationFailure;
  } else if (W.FirstNotMemory) {
    Blame = &*W.FirstNotMemory;
    T.Impact = ImpactClass::ErrorPath;
  }
  if (Blame) {
    T.Call = Blame->Callee;
    T.Reason = Blame->Reason;
  }
  return T;
}

//===----------------------------------------------------------------------===//
// The report
//===----------------------------------------------------------------------===//

/// Whether every path on from N ends in a sink (a noreturn call, a failed
/// assert): the bug reporter then drops the reports of bug types that are
/// suppressed on sinks, as leaks are. The walk gives up (false) after a
/// bounded number of nodes.
static bool allPathsEndInSink(const ExplodedNode *N) {
  if (!N)
    return false;
  llvm::SmallPtrSet<const ExplodedNode *, 32> Seen;
  llvm::SmallVector<const ExplodedNode *, 32> Work{N};
  while (!Work.empty()) {
    const ExplodedNode *Cur = Work.pop_back_val();
    if (!Seen.insert(Cur).second)
      continue;
    if (Seen.size() > 4096)
      return false;
    if (Cur->isSink())
      continue;
    if (Cur->succ_empty())
      return false;
    for (const ExplodedNode *Succ : Cur->succs())
      Work.push_back(Succ);
  }
  return true;
}

namespace refcheck {
/// Classifies the path the analyzer chose to show, and settles the
/// report's impact with the other reports of its equivalence class.
class ImpactVisitor final : public BugReporterVisitor {
  const ApiModel *Model;
  std::string NeedsFailureOf;

public:
  ImpactVisitor(const ApiModel *Model, StringRef NeedsFailureOf)
      : Model(Model), NeedsFailureOf(NeedsFailureOf.str()) {}

  void Profile(llvm::FoldingSetNodeID &ID) const override {
    static int Tag = 0;
    ID.AddPointer(&Tag);
  }
  PathDiagnosticPieceRef VisitNode(const ExplodedNode *, BugReporterContext &,
                                   PathSensitiveBugReport &) override {
    return nullptr;
  }
  void finalizeVisitor(BugReporterContext &BRC, const ExplodedNode *End,
                       PathSensitiveBugReport &BR) override {
    ReportTag Own = decodeReportTag(BR.getShortDescription(false));
    // End is in the trimmed copy of the graph: no snapshots there.
    ReportTag Shown =
        classifyPath(End, Model, NeedsFailureOf, /*Cached=*/false);
    Shown.Origin = Own.Origin;
    ReportTag Best = moreFrequent(Shown, Own);
    // Other reports of the same bug (the same class) reached it by other
    // paths; each carries the impact of its own path.
    for (BugReportEquivClass &EQ :
         BRC.getBugReporter().equivalenceClasses()) {
      auto Reports = EQ.getReports();
      if (llvm::none_of(Reports, [&](const std::unique_ptr<BugReport> &R) {
            return R.get() == &BR;
          }))
        continue;
      for (const std::unique_ptr<BugReport> &R : Reports) {
        // A report the bug reporter drops (its paths all end at an
        // assert's __assert_fail or another noreturn call) says nothing
        // about how often the bug happens.
        if (const auto *PR = dyn_cast<PathSensitiveBugReport>(R.get());
            PR && PR->getBugType().isSuppressOnSink() &&
            allPathsEndInSink(PR->getErrorNode()))
          continue;
        ReportTag Other = decodeReportTag(R->getShortDescription(false));
        if (Other.Impact)
          Best = moreFrequent(Best, Other);
      }
      break;
    }
    Best.Origin = Own.Origin;
    Best.SameAs = Own.SameAs;
    static_cast<PathReport &>(BR).setTag(Best);
  }
};
} // namespace refcheck

PathReport::PathReport(const BugType &BT, StringRef Origin, StringRef Msg,
                       const ExplodedNode *N, const ApiModel *Model,
                       StringRef NeedsFailureOf)
    : PathSensitiveBugReport(BT, "origin=" + Origin.str(), Msg, N) {
  init(Origin, N, Model, NeedsFailureOf);
}

PathReport::PathReport(const BugType &BT, StringRef Origin, StringRef Msg,
                       const ExplodedNode *N, PathDiagnosticLocation UniqueLoc,
                       const Decl *UniqueDecl, const ApiModel *Model,
                       StringRef NeedsFailureOf)
    : PathSensitiveBugReport(BT, "origin=" + Origin.str(), Msg, N, UniqueLoc,
                             UniqueDecl) {
  init(Origin, N, Model, NeedsFailureOf);
}

void PathReport::init(StringRef Origin, const ExplodedNode *N,
                      const ApiModel *Model, StringRef NeedsFailureOf) {
  ReportTag T = classifyPath(N, Model, NeedsFailureOf, /*Cached=*/true);
  T.Origin = Origin.str();
  setTag(T);
  addVisitor<ImpactVisitor>(Model, NeedsFailureOf);
  addZ3Refutation(*this);
}

void PathReport::setTag(const ReportTag &T) {
  ShortDescription = encodeReportTag(T);
}

void PathReport::setSameAs(StringRef Key) {
  ReportTag T = decodeReportTag(ShortDescription);
  T.SameAs = Key.str();
  setTag(T);
}

void PathReport::Profile(llvm::FoldingSetNodeID &ID) const {
  ID.AddPointer(&getBugType());
  ID.AddString(getDescription());
  clang::ento::PathDiagnosticLocation UL = getUniqueingLocation();
  if (UL.isValid())
    UL.Profile(ID);
  else
    ID.AddPointer(getErrorNode()->getCurrentOrPreviousStmtForDiagnostics());
}
