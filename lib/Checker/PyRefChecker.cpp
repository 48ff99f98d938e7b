//===- PyRefChecker.cpp - Ownership of CPython references -----------------===//
//
// A path-sensitive checker for the CPython C API's reference counting rules.
//
// Every PyObject* symbol the checker learns something about gets a RefState
// (RefState.h) in the program state. Symbols whose pointer escapes into
// memory the analyzer does not track are forgotten: the reference now
// belongs to that memory.
//
// The checker is split like the analyzer's RetainCountChecker:
//   - RefSummary.cpp says what a call does (one CallSummary per call site,
//     from the ApiModel, annotations, format strings and the file itself);
//   - this file keeps the analyzer callbacks and changes the state through
//     one transition function, updateSymbol(), for refcount operations,
//     calls and steals alike;
//   - RefDiagnostics.cpp words and emits the reports.
//
// Refcount operations (Py_INCREF and friends) are modelled by name and never
// inlined. Calls the analyzer does not inline are modelled from their
// summary.
//
//===----------------------------------------------------------------------===//
#include "refcheck/Checker.h"
#include "CApiHelpers.h"
#include "Impact.h"
#include "RefDiagnostics.h"
#include "RefState.h"
#include "RefSummary.h"
#include "Refutation.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallDescription.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace ento;
using namespace refcheck;

//===----------------------------------------------------------------------===//
// Program state
//===----------------------------------------------------------------------===//

REGISTER_MAP_WITH_PROGRAMSTATE(RefMap, SymbolRef, RefState)
/// Net references taken on statically allocated objects (Py_None, Py_True,
/// ...), which have no symbol: Py_RETURN_NONE must return one it took.
REGISTER_MAP_WITH_PROGRAMSTATE(StaticRefs, const MemRegion *, int)
/// Stores of a statically allocated object into memory (a field, an
/// out-parameter) made while the code held no reference to give it:
/// `*presult = Py_None; Py_INCREF(*presult);` takes the reference for that
/// memory, one per store (StoredSyms for other objects), if it is the next
/// call after the store.
REGISTER_MAP_WITH_PROGRAMSTATE(StaticStores, const MemRegion *, unsigned)
/// Where the references counted in StaticRefs began to be taken, for reports.
REGISTER_MAP_WITH_PROGRAMSTATE(StaticRefOrigin, const MemRegion *,
                               const Stmt *)
/// Objects stored into untracked memory (a field, a global) while the checker
/// knew nothing about them, with the number of such stores: `self->x = obj;
/// Py_INCREF(obj);` takes the reference for that memory, one per store.
REGISTER_MAP_WITH_PROGRAMSTATE(StoredSyms, SymbolRef, unsigned)
/// An item read at a symbolic index (`PyList_GET_ITEM(l, i)`), whose value
/// the engine makes only when binding it: the read (its ArraySubscriptExpr)
/// and the container, until the next bind.
REGISTER_MAP_WITH_PROGRAMSTATE(PendingItemRead, const Stmt *, SymbolRef)
/// Borrowed references stored into a field annotated REFCHECK_OWNS_REF, with
/// the store: a Py_INCREF must follow before the function returns.
REGISTER_MAP_WITH_PROGRAMSTATE(OwedToField, SymbolRef, const Stmt *)
/// Objects the checker no longer judges: their ob_refcnt is set by hand
/// (`op->ob_refcnt = 1` when resurrecting in tp_dealloc), or they were handed
/// to a function of this file that the analyzer did not inline.
REGISTER_SET_WITH_PROGRAMSTATE(SelfManaged, SymbolRef)
/// In-place calls (_PyBytes_Resize(&b, n)): the object a local variable held
/// when the call overwrote it, from the call's escape to its post-call.
REGISTER_MAP_WITH_PROGRAMSTATE(InPlaceOld, const MemRegion *, SymbolRef)
/// `o == Py_None` for a symbolic o: the engine cannot compare a symbol with
/// the address of a global, so every such comparison would answer afresh
/// (`o != Py_None` then, in a helper, `o == Py_None`). The answer is a
/// symbol of its own, the same for every comparison of o with that object.
using ObjectAndStatic = std::pair<SymbolRef, const MemRegion *>;
REGISTER_MAP_WITH_PROGRAMSTATE(IsStaticObject, ObjectAndStatic, SymbolRef)
/// `PyType_HasFeature(Py_TYPE(o), F)` (PyLong_Check, PyBytes_Check...)
/// went into the header's body, where the engine split on the test: the
/// path's answer, for o and F. A later call that
/// fails only on an object of another type asks it (flagKnownSet).
struct ObjectAndFlag {
  SymbolRef Obj;
  uint64_t Flag;
  bool operator==(const ObjectAndFlag &O) const {
    return Obj == O.Obj && Flag == O.Flag;
  }
  bool operator<(const ObjectAndFlag &O) const {
    return std::tie(Obj, Flag) < std::tie(O.Obj, O.Flag);
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Obj);
    ID.AddInteger(Flag);
  }
};
REGISTER_MAP_WITH_PROGRAMSTATE(TypeFlagAnswers, ObjectAndFlag, bool)

/// One more store of Key into memory that waits for its Py_INCREF
/// (StoredSyms, StaticStores).
template <typename Stores, typename Key>
static ProgramStateRef addStore(ProgramStateRef State, Key K) {
  const unsigned *N = State->get<Stores>(K);
  return State->set<Stores>(K, N ? *N + 1 : 1);
}

/// State with one store of Key that waits for its Py_INCREF served, or
/// null when none waits.
template <typename Stores, typename Key>
static ProgramStateRef serveStore(ProgramStateRef State, Key K) {
  const unsigned *N = State->get<Stores>(K);
  if (!N)
    return nullptr;
  return *N > 1 ? State->set<Stores>(K, *N - 1) : State->remove<Stores>(K);
}

bool refcheck::flagKnownSet(ProgramStateRef State, SymbolRef Obj,
                            uint64_t Flag) {
  const bool *Set = State->get<TypeFlagAnswers>({Obj, Flag});
  return Set && *Set;
}

const RefState *refcheck::getRefState(ProgramStateRef State, SymbolRef Sym) {
  return State->get<RefMap>(Sym);
}

//===----------------------------------------------------------------------===//
// Configuration handed over by the driver
//===----------------------------------------------------------------------===//

static thread_local const CheckerConfig *ActiveConfig = nullptr;

ScopedCheckerConfig::ScopedCheckerConfig(const CheckerConfig &Config)
    : Previous(ActiveConfig) {
  ActiveConfig = &Config;
}
ScopedCheckerConfig::~ScopedCheckerConfig() { ActiveConfig = Previous; }
const CheckerConfig *refcheck::activeCheckerConfig() { return ActiveConfig; }

bool refcheck::typeKnownToBe(ProgramStateRef State, SymbolRef Obj,
                             StringRef TypeVar) {
  ConstraintManager &CM = State->getConstraintManager();
  for (auto [Key, Answer] : State->get<IsStaticObject>()) {
    const auto *VR = dyn_cast<NonParamVarRegion>(Key.second);
    if (!VR || VR->getDecl()->getName() != TypeVar ||
        !CM.isNull(State, Answer).isConstrainedFalse())
      continue;
    // Key.first is the value of Obj's ob_type field.
    const FieldRegion *FR = fieldOfValue(Key.first);
    if (!isTypeField(FR))
      continue;
    const SymbolicRegion *Base = FR->getSuperRegion()->getSymbolicBase();
    if (Base && Base->getSymbol() == Obj)
      return true;
  }
  return false;
}


//===----------------------------------------------------------------------===//
// The checker
//===----------------------------------------------------------------------===//

namespace {
/// What one transition does to one symbol's state.
enum class Transition : uint8_t {
  IncRef,      ///< a reference is taken (Py_INCREF, Py_NewRef)
  DecRef,      ///< a reference is given back (Py_DECREF)
  Steal,       ///< a call takes the caller's reference
  Keep,        ///< a container takes a reference of its own
  OwnedOut,    ///< the symbol is a new reference the call wrote out
  BorrowedOut, ///< the symbol is a borrowed reference the call wrote out
  Drop,        ///< the state is dropped (the object was freed by the call)
  Forget,      ///< what was known no longer holds
  StopJudging, ///< the object is not judged any more
};

/// The header's questions about a type's flags, answered for statically
/// allocated type objects: such a type is never a heap type (only
/// type_new and PyType_FromSpec make those, on the heap). Without this,
/// CPython's `_PyObject_Init(op, &PyFloat_Type)` takes its heap-type branch
/// and its `Py_INCREF(typeobj)` reads as a leaked reference to the type.
enum class TypeFlagsQuery { HasFeature, GetFlags };

class PyRefChecker
    : public Checker<check::PreCall, check::PostCall, check::DeadSymbols,
                     check::PointerEscape, check::PreStmt<ReturnStmt>,
                     check::Location, check::Bind, check::EndFunction,
                     check::PreStmt<AtomicExpr>, check::PostStmt<CastExpr>,
                     check::PostStmt<BinaryOperator>, check::LiveSymbols,
                     check::EndAnalysis, eval::Call, eval::Assume> {
  const RefOpMap RefOps = makeRefOps();
  /// A member, as RefOps is (see makeRefOps): a CallDescriptionMap shared
  /// by the files of a process matches in the first one only.
  const CallDescriptionMap<TypeFlagsQuery> TypeFlagsQueries{
      {{CDM::SimpleFunc, {"PyType_HasFeature"}, 2},
       TypeFlagsQuery::HasFeature},
      {{CDM::SimpleFunc, {"_PyType_HasFeature"}, 2},
       TypeFlagsQuery::HasFeature},
      {{CDM::SimpleFunc, {"PyType_GetFlags"}, 1}, TypeFlagsQuery::GetFlags},
  };

  const RefDiagnostics Diags{this, RefOps};
  /// After the header's PyType_HasFeature(Py_TYPE(o), F) for one of the
  /// SubclassFlags: its answer for o (TypeFlagAnswers).
  void noteTypeFlagAnswer(const CallEvent &Call, CheckerContext &C) const;
  /// Evaluates a TypeFlagsQueries call on a static type object.
  bool evalStaticTypeFlags(const CallEvent &Call, CheckerContext &C) const;
  /// Evaluates a memset, memcpy or memmove that writes within one field of
  /// a struct: only that field changes.
  bool evalFieldWrite(const CallEvent &Call, CheckerContext &C) const;

public:
  const CheckerConfig *Config = nullptr;
  mutable RefSummaryManager Summaries;
  /// The fields this translation unit releases somewhere (`Py_CLEAR(self->x)`
  /// in a tp_clear, `Py_XDECREF(self->x)` in a tp_dealloc): the fields its
  /// objects own. Computed on first use.
  mutable std::optional<llvm::DenseSet<const FieldDecl *>> ReleasedFields;
  /// Per function of the file: the parameters whose size its body sets
  /// (resizesParam()).
  mutable llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<unsigned, 1>>
      ResizedParams;
  /// Whether FD's body sets the size of its parameter I (`Py_SET_SIZE(p,
  /// n)`, `p->ob_size = n`), as CPython's list_resize does.
  bool resizesParam(const FunctionDecl *FD, unsigned I) const;
  bool isReleasedField(const FieldDecl *FD, ASTContext &Ctx) const;

  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  bool evalCall(const CallEvent &Call, CheckerContext &C) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;
  ProgramStateRef evalAssume(ProgramStateRef State, SVal Cond,
                             bool Assumption) const;
  ProgramStateRef checkPointerEscape(ProgramStateRef State,
                                     const InvalidatedSymbols &Escaped,
                                     const CallEvent *Call,
                                     PointerEscapeKind Kind) const;
  void checkPreStmt(const ReturnStmt *RS, CheckerContext &C) const;
  void checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                     CheckerContext &C) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;
  /// The exploration ended: the snapshots of its reports' paths go
  /// (Impact.h), and so do the caches of the graph before, whose reports
  /// are made (Refutation.h, ordinalKey). Every refcheck report is made
  /// with this checker there.
  void checkEndAnalysis(ExplodedGraph &G, BugReporter &,
                        ExprEngine &Eng) const {
    reportExploration(G, Eng);
    resetImpactCache();
    resetOrdinalCache();
    resetRefutationCache();
  }
  void checkPreStmt(const AtomicExpr *AE, CheckerContext &C) const;
  void checkPostStmt(const CastExpr *CE, CheckerContext &C) const;
  void checkPostStmt(const BinaryOperator *BO, CheckerContext &C) const;
  void checkLiveSymbols(ProgramStateRef State, SymbolReaper &SR) const;

private:
  /// Answers `fresh == p` when p is older than the fresh object; see the
  /// definition.
  bool answersFreshComparison(const BinaryOperator *BO, SVal L, SVal R,
                              CheckerContext &C) const;
  /// Whether Sym is the object a method or slot of this unit belongs to,
  /// as Python passed it (its first parameter's value on entry; see
  /// computeContracts' SelfIsOwner): never NULL nor a singleton.
  bool isOwnerSelf(SymbolRef Sym, ASTContext &Ctx) const;
  mutable std::optional<llvm::DenseSet<const FunctionDecl *>> OwnerFirst;
  ProgramStateRef bindRefcnt(const FieldRegion *FR, const Stmt *S,
                             ProgramStateRef State, CheckerContext &C,
                             bool &Reported) const;
  ProgramStateRef bindOwningField(const FieldRegion *FR, SVal Val,
                                  const Stmt *S, ProgramStateRef State,
                                  CheckerContext &C) const;
  void reportOwedFields(ProgramStateRef State, ArrayRef<SymbolRef> Syms,
                        ExplodedNode *N, CheckerContext &C) const;
  bool enabled(const char *Check) const {
    return !Config || Config->isEnabled(Check);
  }

  /// The state of Sym, treating parameters of the analyzed function as
  /// borrowed when nothing else is known.
  std::optional<RefState> stateOf(ProgramStateRef State, SymbolRef Sym) const;

  /// The one transition function: what T does to Sym at statement At (a
  /// call to Callee; Holder keeps a stolen object alive). Reports what T
  /// reveals (over-release, use after release, steal of a borrowed
  /// reference); Reported says an error node was made for the report.
  ProgramStateRef updateSymbol(ProgramStateRef State, SymbolRef Sym,
                               Transition T, const Expr *At,
                               StringRef Callee, SymbolRef Holder,
                               CheckerContext &C, bool &Reported) const;
  ProgramStateRef forget(ProgramStateRef State, SymbolRef Sym,
                         bool StopJudging) const;
  /// Reports Msg about Sym on a node where the path goes on without it.
  ProgramStateRef reportAndForget(ProgramStateRef State, SymbolRef Sym,
                                  const BugType &BT, const std::string &Msg,
                                  CheckerContext &C, bool &Reported) const;
  /// Whether the statement right after the steal at At, in the code that
  /// wrote it, is a Py_INCREF of the object stolen: Statement when it gives
  /// the holder the reference it took; OnSuccess when it comes after an
  /// `if` on the result of a call that takes the reference on failure
  /// too, so it serves the holder only where the call succeeded.
  enum class IncrefAfter { None, Statement, OnSuccess };
  IncrefAfter increfFollows(const Stmt *At, CheckerContext &C) const;
  /// Whether references to the statically allocated object R are counted
  /// and reported: see judgesStatic() below.
  bool judgesStatic(const MemRegion *R, CheckerContext &C) const;
  /// Delta references taken (+1) or given back (-1) on the statically
  /// allocated object R at At.
  ProgramStateRef countStatic(ProgramStateRef State, const MemRegion *R,
                              int Delta, const Stmt *At) const;
  /// A call (or a SET_ITEM store) at At takes a reference to the statically
  /// allocated object R: one the code took, or a steal of a reference never
  /// taken, reported when Report is set.
  ProgramStateRef stealStatic(ProgramStateRef State, const MemRegion *R,
                              const Expr *At, StringRef Callee, bool Report,
                              CheckerContext &C, bool &Reported) const;
  /// The Steal transition for the object V, a symbol or a statically
  /// allocated object.
  ProgramStateRef steal(ProgramStateRef State, SVal V, const Expr *At,
                        StringRef Callee, SymbolRef Holder, bool ReportStatic,
                        CheckerContext &C, bool &Reported) const;
  /// A refcount operation on Obj, a symbol or a statically allocated object.
  ProgramStateRef applyRefOp(RefOp Op, SVal Obj, const Expr *CE,
                             ProgramStateRef State, CheckerContext &C,
                             bool &Reported) const;
  /// The objects held in the fields of a local struct whose address Call
  /// hands to a function the analysis cannot follow: forgotten, those read
  /// from the fields before the call (forgetHeldInLocals, at the call to a
  /// function with no body) and those derived from the struct's contents
  /// (forgetFieldsOfLocalArgs, as they escape).
  ProgramStateRef forgetFieldsOfLocalArgs(ProgramStateRef State,
                                          const CallEvent &Call) const;
  ProgramStateRef forgetHeldInLocals(ProgramStateRef State,
                                     const CallEvent &Call,
                                     CheckerContext &C) const;
  /// Applies the PostCall rules and the result of a call's summary.
  void applySummary(const CallSummary &S, const CallEvent &Call,
                    CheckerContext &C, ProgramStateRef Start = nullptr) const;
  /// Whether an object whose reference was stolen may be gone: only when
  /// the container that took it was released since.
  bool stolenObjectGone(ProgramStateRef State, const RefState &RS) const;
  /// Py_DECREF of an object the checker knew nothing about: see
  /// releaseUnknown() below.
  ProgramStateRef releaseUnknown(ProgramStateRef State, SymbolRef Sym,
                                 const Expr *At) const;
  /// An object the code owns that the path's constraints say is Sym
  /// under another name, or null.
  SymbolRef ownedEqualTo(ProgramStateRef State, SymbolRef Sym,
                         CheckerContext &C) const;
  /// The items borrowed from Container (read from its ob_item) lose it:
  /// its last reference was released.
  ProgramStateRef itemsLostWith(ProgramStateRef State,
                                SymbolRef Container) const;
  /// Items borrowed from Container are no longer judged: a SET_ITEM
  /// replaced one of them, handing its reference to the code (and the
  /// engine does not see the store, so a later read gives the old item).
  ProgramStateRef forgetItemsOf(ProgramStateRef State,
                                SymbolRef Container) const;
  /// Reports a Py_INCREF of Sym, an item whose container was released.
  ProgramStateRef lostWithContainer(ProgramStateRef State, SymbolRef Sym,
                                    const RefState &RS, CheckerContext &C,
                                    bool &Reported) const;
  /// A read of a tuple's or list's item (PyTuple_GET_ITEM,
  /// PySequence_Fast_ITEMS(seq)[i]) at S: the item is borrowed from it.
  ProgramStateRef readItem(SVal Loc, const Stmt *S, ProgramStateRef State,
                           CheckerContext &C) const;
  /// A field overwritten while the path proves it held a borrowed object:
  /// see fieldReferenceHandedOver().
  ProgramStateRef fieldReferenceHandedOver(const FieldRegion *FR, SVal Val,
                                           ProgramStateRef State,
                                           CheckerContext &C) const;
  /// `owner->field = obj` where the code owns both: see storeIntoOwned().
  ProgramStateRef storeIntoOwned(const FieldRegion *FR, SVal Val,
                                 const Stmt *S, ProgramStateRef State,
                                 CheckerContext &C) const;
  /// An in-place rule (_PyBytes_Resize(&b, n)) applied to a local
  /// variable: {the state where the call succeeded, the one where it
  /// failed, or null when it cannot fail}.
  std::pair<ProgramStateRef, ProgramStateRef>
  replaceInPlace(ProgramStateRef State, const ArgRule &R, const CallSummary &S,
                 const CallEvent &Call, CheckerContext &C,
                 bool &Reported) const;
  /// Splits a call whose success proves arguments non-NULL
  /// (S.NonNullOnSuccess): adds the NULL result, returns the success.
  ProgramStateRef splitOnNonNullArgs(ProgramStateRef State,
                                     const CallSummary &S,
                                     const CallEvent &Call,
                                     CheckerContext &C) const;
  /// Splits on the pointee of S.OutNullGuard: where it is NULL, so are all
  /// the out-arguments. Adds the NULL path, returns the other.
  ProgramStateRef splitOnOutNullGuard(ProgramStateRef State,
                                      const CallSummary &S,
                                      const CallEvent &Call,
                                      CheckerContext &C) const;
  /// T applied to the objects the pointer arguments Args point to.
  ProgramStateRef updatePointees(ProgramStateRef State, const CallEvent &Call,
                                 ArrayRef<unsigned> Args, Transition T,
                                 CheckerContext &C) const;
};
} // namespace

static bool isTopFrameParam(SymbolRef Sym) {
  const auto *SRV = dyn_cast<SymbolRegionValue>(Sym);
  if (!SRV)
    return false;
  // Top-frame parameters live in NonParamVarRegions (no call site);
  // inlined ones in ParamVarRegions.
  const auto *VR = dyn_cast<VarRegion>(SRV->getRegion());
  const auto *PVD = VR ? dyn_cast<ParmVarDecl>(VR->getDecl()) : nullptr;
  if (!PVD)
    return false;
  // A parameter the function is annotated to steal is owned, not borrowed.
  if (const auto *FD = dyn_cast<FunctionDecl>(PVD->getDeclContext()))
    if (llvm::is_contained(RefSummaryManager::annotatedSteals(FD),
                           PVD->getFunctionScopeIndex()))
      return false;
  return VR->getStackFrame()->inTopFrame() &&
         isPyObjectPointerType(VR->getValueType());
}

/// Whether S, an expression giving an object's type (`op->ob_type`,
/// `Py_TYPE(op)`) in the function of LC, is read only to reach the type's
/// dealloc slot: `Py_TYPE(op)->tp_dealloc`. After the decrement that gave
/// back the last reference, that read and the call through the slot are the
/// release itself (Py_DECREF before 3.8, and files that redefine Py_DECREF),
/// not a use of the freed object.
static bool readsDeallocSlot(const Stmt *S, const LocationContext *LC) {
  if (!S || !LC)
    return false;
  const auto *ME = dyn_cast_or_null<MemberExpr>(
      LC->getParentMap().getParentIgnoreParenCasts(S));
  return ME && ME->getMemberDecl()->getName() == "tp_dealloc";
}

/// Whether the call at S goes through a pointer declared as a deallocator
/// (`destructor`, `freefunc`), as a decrement helper that is handed the
/// type's dealloc does: `destruct(op)` after `--op->ob_refcnt` reached zero
/// is the release itself, whichever function the pointer holds
/// (CPython's _Py_DECREF_SPECIALIZED(op, (destructor)PyObject_Free)).
static bool callsThroughDeallocator(const Stmt *S) {
  const auto *CE = dyn_cast_or_null<CallExpr>(S);
  if (!CE || CE->getDirectCallee())
    return false;
  const auto *TT =
      CE->getCallee()->IgnoreParenImpCasts()->getType()->getAs<TypedefType>();
  return TT && llvm::is_contained({"destructor", "freefunc"},
                                  TT->getDecl()->getName());
}

/// The read of ob_type at S, in the current frame, serves only to find the
/// dealloc slot: directly (`op->ob_type->tp_dealloc`) or as the body of a
/// getter such as Py_TYPE() whose call does.
static bool typeReadForDealloc(const FieldRegion *FR, const Stmt *S,
                               CheckerContext &C) {
  if (!isTypeField(FR))
    return false;
  if (readsDeallocSlot(S, C.getLocationContext()))
    return true;
  const StackFrameContext *SF = C.getStackFrame();
  return !SF->inTopFrame() &&
         readsDeallocSlot(SF->getCallSite(), SF->getParent());
}

std::optional<RefState> PyRefChecker::stateOf(ProgramStateRef State,
                                              SymbolRef Sym) const {
  if (!Sym || State->contains<SelfManaged>(Sym))
    return std::nullopt;
  if (const RefState *RS = State->get<RefMap>(Sym))
    return *RS;
  if (isTopFrameParam(Sym)) {
    const auto *VR = cast<VarRegion>(cast<SymbolRegionValue>(Sym)->getRegion());
    const auto *PVD = cast<ParmVarDecl>(VR->getDecl());
    if (Summaries.ownedOnEntry(PVD) || Summaries.stolenByOwnRow(PVD) ||
        Summaries.destroysUserData(
            dyn_cast<FunctionDecl>(PVD->getDeclContext())))
      return std::nullopt; // ours to release; not judged
    if (const auto *FD = dyn_cast<FunctionDecl>(PVD->getDeclContext());
        FD && llvm::is_contained(RefSummaryManager::annotatedSteals(
                                     FD, /*Sometimes=*/true),
                                 PVD->getFunctionScopeIndex()))
      return std::nullopt; // ours on some paths only; not judged
    return RefState::borrowed(nullptr);
  }
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// The transition function
//===----------------------------------------------------------------------===//

/// The statement that follows S in its block, or null when S ends it or is
/// not a statement of a block. S may be part of an `if`'s condition: then
/// the statement after the `if` follows it (`if (steal(x) < 0) goto error;
/// Py_INCREF(x);`), and InCondition says so.
static const Stmt *nextInBlock(const Stmt *S, const ParentMap &PM,
                               bool &InCondition) {
  InCondition = false;
  const Stmt *Parent = PM.getParent(S);
  while (Parent) {
    const auto *If = dyn_cast<IfStmt>(Parent);
    if (!isa<Expr>(Parent) && !(If && If->getCond() == S))
      break;
    InCondition |= If != nullptr;
    S = Parent;
    Parent = PM.getParent(S);
  }
  const auto *Block = dyn_cast_or_null<CompoundStmt>(Parent);
  if (!Block)
    return nullptr;
  for (auto I = Block->body_begin(), E = Block->body_end(); I != E; ++I)
    if (*I == S)
      return std::next(I) == E ? nullptr : *std::next(I);
  return nullptr;
}

PyRefChecker::IncrefAfter PyRefChecker::increfFollows(const Stmt *At,
                                                      CheckerContext &C) const {
  if (!At)
    return IncrefAfter::None;
  // The steal happens inside a header's inline function (PyTuple_SET_ITEM
  // on 3.11): look at the call the code wrote.
  const LocationContext *LC = C.getLocationContext();
  const SourceManager &SM = C.getSourceManager();
  while (const auto *SF = LC->getStackFrame()) {
    if (!SF->getParent() || !SF->getCallSite() ||
        isInCodeFile(SM, SF->getDecl()->getLocation()))
      break;
    At = SF->getCallSite();
    LC = SF->getParent();
  }
  bool InCondition = false;
  const auto *Next = dyn_cast_or_null<CallExpr>(
      nextInBlock(At, LC->getParentMap(), InCondition));
  if (!Next || !Next->getNumArgs())
    return IncrefAfter::None;
  const RefOp *Op = RefOps.lookupAsWritten(*Next);
  if (!Op || (*Op != RefOp::Incref && *Op != RefOp::XIncref))
    return IncrefAfter::None;
  const Expr *Taken = Next->getArg(Next->getNumArgs() - 1)->IgnoreParenCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(At);
      BO && BO->isAssignmentOp() && !InCondition)
    return sameOperand(BO->getRHS(), Taken) ? IncrefAfter::Statement
                                            : IncrefAfter::None;
  const auto *CE = dyn_cast<CallExpr>(At);
  if (!CE)
    return IncrefAfter::None;
  // After an `if` on the call's result, the Py_INCREF runs where the call
  // succeeded: that answers a steal on success only (an arena's add); a
  // call that takes the reference on failure too (PyList_SetItem) still
  // stole a borrowed one there.
  const FunctionSpec *Spec =
      InCondition ? Summaries.specFor(CE->getDirectCallee()) : nullptr;
  for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
    if (!sameOperand(CE->getArg(I), Taken))
      continue;
    if (!InCondition ||
        (Spec && llvm::is_contained(Spec->Steals,
                                    std::make_pair(I, StealKind::OnSuccess))))
      return IncrefAfter::Statement;
    return IncrefAfter::OnSuccess;
  }
  return IncrefAfter::None;
}

ProgramStateRef PyRefChecker::forget(ProgramStateRef State, SymbolRef Sym,
                                     bool StopJudging) const {
  if (State->get<RefMap>(Sym)) {
    State = State->remove<RefMap>(Sym);
    // A parameter we took references on and then stored: its count is the
    // memory's business now, not "borrowed from the caller" again.
    if (isTopFrameParam(Sym))
      State = State->add<SelfManaged>(Sym);
  }
  return StopJudging ? State->add<SelfManaged>(Sym) : State;
}

bool PyRefChecker::stolenObjectGone(ProgramStateRef State,
                                    const RefState &RS) const {
  return (RS.kind() == RefState::Stolen || RS.kind() == RefState::Borrowed) &&
         RS.holderGone();
}

//===----------------------------------------------------------------------===//
// Lenders, items and releases of unknown objects
//===----------------------------------------------------------------------===//

/// Whether Sym is what a C++ temporary held when a call the analysis did
/// not follow returned it by value (greenlet's `p = p->parent()`, a
/// virtual call returning an OwnedGreenlet): the temporary's destructor
/// gives back the copy the callee took, and whoever the callee copied it
/// from (the node's field) still holds the object.
static bool readFromTemporary(SymbolRef Sym) {
  const MemRegion *R = regionOfValue(Sym);
  return R && isa<CXXTempObjectRegion, CXXLifetimeExtendedObjectRegion>(
                  R->getBaseRegion());
}

/// Py_DECREF of an object the checker knows nothing about (popped off the
/// project's own stack, read from a struct): the code gave back a reference
/// it held, so using the object afterwards is a use after release, and a
/// second release an over-release. Parameters with no known state stay
/// unjudged (they are owned on entry, or stolen on some paths only).
ProgramStateRef PyRefChecker::releaseUnknown(ProgramStateRef State,
                                             SymbolRef Sym,
                                             const Expr *At) const {
  if (isTopFrameParam(Sym) || readFromTemporary(Sym))
    return State;
  return State->set<RefMap>(Sym, RefState::releasedUnknown(At));
}

ProgramStateRef PyRefChecker::itemsLostWith(ProgramStateRef State,
                                            SymbolRef Container) const {
  for (auto [Item, IRS] : State->get<RefMap>())
    if (IRS.isBorrowed() && IRS.holder() == Container)
      State = State->set<RefMap>(Item, IRS.holderReleased());
  return State;
}

ProgramStateRef PyRefChecker::forgetItemsOf(ProgramStateRef State,
                                            SymbolRef Container) const {
  if (!Container)
    return State;
  for (auto [Item, IRS] : State->get<RefMap>())
    if (IRS.isBorrowed() && IRS.holder() == Container)
      State = State->remove<RefMap>(Item)->add<SelfManaged>(Item);
  return State;
}

ProgramStateRef PyRefChecker::lostWithContainer(ProgramStateRef State,
                                                SymbolRef Sym,
                                                const RefState &RS,
                                                CheckerContext &C,
                                                bool &Reported) const {
  if (!enabled(checks::UseAfterRelease))
    return State->remove<RefMap>(Sym);
  return reportAndForget(State, Sym, Diags.UseAfterReleaseBug,
                         RefDiagnostics::useAfterRelease(RS), C, Reported);
}

ProgramStateRef PyRefChecker::reportAndForget(ProgramStateRef State,
                                              SymbolRef Sym, const BugType &BT,
                                              const std::string &Msg,
                                              CheckerContext &C,
                                              bool &Reported) const {
  // The error node is where the path goes on (the callers add no other
  // transition once Reported): without the object, so that the same
  // mistake is not reported again further on (a borrowed-return after a
  // use of the same object after release).
  State = State->remove<RefMap>(Sym);
  if (ExplodedNode *N = C.generateNonFatalErrorNode(State)) {
    Diags.report(BT, Msg, Sym, N, C);
    Reported = true;
  }
  return State;
}

/// Whether the pointers A and B are equal on every continuation of the
/// path: the constraints cannot have them differ.
static bool equalOnPath(ProgramStateRef State, SymbolRef A, SymbolRef B,
                        CheckerContext &C) {
  if (A == B)
    return true;
  if (!A->getType()->isPointerType() || !B->getType()->isPointerType())
    return false;
  MemRegionManager &MRM = C.getStoreManager().getRegionManager();
  auto Eq = C.getSValBuilder()
                .evalEQ(State, loc::MemRegionVal(MRM.getSymbolicRegion(A)),
                        loc::MemRegionVal(MRM.getSymbolicRegion(B)))
                .getAs<DefinedOrUnknownSVal>();
  return Eq && !State->assume(*Eq, /*Assumption=*/false);
}

SymbolRef PyRefChecker::ownedEqualTo(ProgramStateRef State, SymbolRef Sym,
                                     CheckerContext &C) const {
  for (auto [Other, ORS] : State->get<RefMap>())
    if (Other != Sym && ORS.isOwned() && equalOnPath(State, Sym, Other, C))
      return Other;
  return nullptr;
}

/// `if (easy->share == self) { easy->share = NULL; Py_DECREF(self); }`:
/// overwriting a field that holds an object hands the field's reference to
/// the code, so the release that follows gives back the field's reference,
/// not the caller's. A borrowed object (a parameter, an item) that the path
/// proves the field held stops being judged: the code may now own a
/// reference to it, or not, if the field never owned one.
ProgramStateRef PyRefChecker::fieldReferenceHandedOver(
    const FieldRegion *FR, SVal Val, ProgramStateRef State,
    CheckerContext &C) const {
  if (!isPyObjectPointerType(FR->getValueType()))
    return State;
  SymbolRef Old = State->getSVal(FR).getAsLocSymbol();
  if (!Old || Old == Val.getAsLocSymbol())
    return State;
  llvm::SmallVector<SymbolRef, 8> Borrowed;
  for (auto [Sym, RS] : State->get<RefMap>())
    if (RS.isBorrowed())
      Borrowed.push_back(Sym);
  const StackFrameContext *Top = topFrame(C.getLocationContext());
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Top->getDecl()))
    for (const ParmVarDecl *P : FD->parameters())
      if (isPyObjectPointerType(P->getType()))
        if (SymbolRef Sym =
                State->getSVal(State->getRegion(P, Top)).getAsLocSymbol();
            Sym && isTopFrameParam(Sym) && !State->get<RefMap>(Sym))
          if (std::optional<RefState> RS = stateOf(State, Sym);
              RS && RS->isBorrowed())
            Borrowed.push_back(Sym);
  for (SymbolRef Sym : Borrowed)
    if (equalOnPath(State, Sym, Old, C))
      State = forget(State, Sym, /*StopJudging=*/true);
  return State;
}

/// The tuple or list whose item R is, or null: `((PyTupleObject
/// *)t)->ob_item[i]` (an element of an array field) or `((PyListObject
/// *)l)->ob_item[i]` (an element of the region the pointer field points
/// to; for index 0, that region itself).
static SymbolRef itemContainerOf(const MemRegion *R) {
  if (!R)
    return nullptr;
  const FieldRegion *FR = nullptr;
  const MemRegion *Super = R;
  if (const auto *ER = dyn_cast<ElementRegion>(R)) {
    Super = ER->getSuperRegion();
    FR = dyn_cast<FieldRegion>(Super);
  }
  if (!FR)
    if (const auto *SR = dyn_cast<SymbolicRegion>(Super->StripCasts()))
      FR = fieldOfValue(SR->getSymbol());
  if (!FR || FR->getDecl()->getName() != "ob_item")
    return nullptr;
  StringRef Name = recordName(FR->getDecl()->getParent());
  if (Name != "PyTupleObject" && Name != "PyListObject")
    return nullptr;
  const auto *Base =
      dyn_cast<SymbolicRegion>(FR->getSuperRegion()->StripCasts());
  return Base ? Base->getSymbol() : nullptr;
}

/// Where an item read at S came from, for messages and report keys: S
/// itself, or the whole `PySequence_Fast_GET_ITEM(seq, i)` it is spelled
/// in. That macro reads a list's or a tuple's ob_item on two arms of a
/// conditional; naming the macro makes one report of the two arms.
static const Stmt *itemReadOrigin(const Stmt *S, CheckerContext &C) {
  if (!S || !isInMacro(S->getBeginLoc(), {"PySequence_Fast_GET_ITEM"},
                       C.getSourceManager(), C.getLangOpts()))
    return S;
  const ParentMap &PM = C.getLocationContext()->getParentMap();
  for (const Stmt *P = PM.getParent(S); P; P = PM.getParent(P))
    if (isa<ConditionalOperator>(P))
      return P;
  return S;
}

ProgramStateRef PyRefChecker::readItem(SVal Loc, const Stmt *S,
                                       ProgramStateRef State,
                                       CheckerContext &C) const {
  const MemRegion *R = Loc.getAsRegion();
  const auto *E = dyn_cast_or_null<Expr>(S);
  if (!E || !isPyObjectPointerType(E->getType()))
    return State;
  SymbolRef Container = itemContainerOf(R);
  if (!Container)
    return State;
  // The value the load gives. Only what the container held before the
  // function (a symbol standing for the element's own value) is borrowed
  // from it; an object the code stored there keeps its own state.
  SVal V = State->getSVal(R, E->getType());
  // At a symbolic index the store has no value to give: the engine makes
  // one when it binds the read to a variable (checkBind() takes it there).
  if (V.isUnknown())
    return State->set<PendingItemRead>(E->IgnoreParenImpCasts(), Container);
  SymbolRef Item = V.getAsLocSymbol();
  if (!Item || State->get<RefMap>(Item) ||
      State->contains<SelfManaged>(Item))
    return State;
  const MemRegion *From = nullptr;
  if (const auto *RV = dyn_cast<SymbolRegionValue>(Item))
    From = RV->getRegion();
  else if (const auto *D = dyn_cast<SymbolDerived>(Item))
    From = D->getRegion();
  if (!From || From->StripCasts() != R->StripCasts())
    return State;
  return State->set<RefMap>(
      Item, RefState::borrowed(itemReadOrigin(S, C), Container));
}

/// `owner->field = obj`, where the code owns a reference to obj and to
/// owner (a new object it made, like ctypes' `stgdict->proto = proto`): the
/// reference moves into owner, as if owner had stolen it. Releasing obj
/// afterwards (on an error path that still has `Py_XDECREF(obj)`) is then a
/// double release; owner's dealloc releases it. References to objects of
/// unknown or borrowed owners go on being forgotten by the escape.
namespace {
/// Collects the fields released by the refcount macros anywhere in a
/// translation unit: a field given to Py_DECREF/Py_XDECREF (or their
/// inline functions), or cleared by Py_CLEAR/Py_SETREF/Py_XSETREF.
class ReleasedFieldFinder : public RecursiveASTVisitor<ReleasedFieldFinder> {
  const SourceManager &SM;
  const LangOptions &LO;
  llvm::DenseSet<const FieldDecl *> &Out;

  static const FieldDecl *fieldOf(const Expr *E) {
    const auto *ME =
        E ? dyn_cast<MemberExpr>(E->IgnoreParenCasts()) : nullptr;
    return ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  }

public:
  ReleasedFieldFinder(const ASTContext &Ctx,
                      llvm::DenseSet<const FieldDecl *> &Out)
      : SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()), Out(Out) {}

  bool VisitCallExpr(CallExpr *CE) {
    static constexpr llvm::StringLiteral Releasers[] = {
        "Py_DECREF",  "Py_XDECREF",  "_Py_DECREF", "_Py_XDECREF",
        "Py_DecRef",  "Py_XDecRef"};
    const FunctionDecl *FD = CE->getDirectCallee();
    const IdentifierInfo *II = FD ? FD->getIdentifier() : nullptr;
    if (II && CE->getNumArgs() >= 1 &&
        llvm::is_contained(Releasers, II->getName()))
      if (const FieldDecl *F = fieldOf(CE->getArg(CE->getNumArgs() - 1)))
        Out.insert(F);
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    static const llvm::StringRef Clearers[] = {"Py_CLEAR", "Py_SETREF",
                                               "Py_XSETREF"};
    if (!BO->isAssignmentOp() || !BO->getBeginLoc().isMacroID())
      return true;
    const FieldDecl *F = fieldOf(BO->getLHS());
    if (!F)
      return true;
    if (isInMacro(BO->getBeginLoc(), Clearers, SM, LO))
      Out.insert(F);
    return true;
  }
};
} // namespace

bool PyRefChecker::isReleasedField(const FieldDecl *FD,
                                   ASTContext &Ctx) const {
  if (!ReleasedFields) {
    ReleasedFields.emplace();
    ReleasedFieldFinder(Ctx, *ReleasedFields)
        .TraverseDecl(Ctx.getTranslationUnitDecl());
  }
  return ReleasedFields->contains(FD->getCanonicalDecl()) ||
         ReleasedFields->contains(FD);
}

ProgramStateRef PyRefChecker::storeIntoOwned(const FieldRegion *FR, SVal Val,
                                             const Stmt *S,
                                             ProgramStateRef State,
                                             CheckerContext &C) const {
  SymbolRef Sym = Val.getAsLocSymbol();
  const auto *Base =
      dyn_cast<SymbolicRegion>(FR->getSuperRegion()->StripCasts());
  if (!Sym || !Base || !isPyObjectPointerType(FR->getValueType()))
    return State;
  // Only a field the file releases somewhere owns what is stored into it
  // (a field documented as a borrowed pointer is never released).
  if (!isReleasedField(FR->getDecl(), C.getASTContext()))
    return State;
  SymbolRef Owner = Base->getSymbol();
  const RefState *ORS = State->get<RefMap>(Owner);
  const RefState *RS = State->get<RefMap>(Sym);
  if (!ORS || !ORS->isOwned() || ORS->onBorrow() || !RS || !RS->isOwned() ||
      RS->onBorrow() || RS->count() != 1 || Owner == Sym)
    return State;
  return State->set<RefMap>(Sym, RS->stolen(S, Owner));
}

/// Whether the statement Read is part of the expression At: an item read
/// in the very argument of a release.
static bool readWithin(const Stmt *Read, const Stmt *At) {
  if (!Read || !At)
    return false;
  if (Read == At)
    return true;
  for (const Stmt *Child : At->children())
    if (Child && readWithin(Read, Child))
      return true;
  return false;
}

ProgramStateRef PyRefChecker::updateSymbol(ProgramStateRef State,
                                           SymbolRef Sym, Transition T,
                                           const Expr *At, StringRef Callee,
                                           SymbolRef Holder, CheckerContext &C,
                                           bool &Reported) const {
  if (!Sym)
    return State;
  if (T == Transition::Steal)
    State = forgetItemsOf(State, Holder);
  switch (T) {
  case Transition::Drop:
    // Freeing what was released already (the dealloc after the last
    // Py_DECREF) changes nothing: later uses are still uses after release.
    if (const RefState *RS = State->get<RefMap>(Sym);
        RS && RS->kind() == RefState::Released)
      return State;
    return State->remove<RefMap>(Sym);
  case Transition::Forget:
  case Transition::StopJudging:
    return forget(State, Sym, T == Transition::StopJudging);
  case Transition::OwnedOut:
    return State->set<RefMap>(Sym, RefState::owned(1, At));
  case Transition::BorrowedOut:
    return State->set<RefMap>(Sym, RefState::borrowed(At));
  case Transition::Keep: {
    const RefState *RS = State->get<RefMap>(Sym);
    // Objects a container now also holds outlive our reference.
    if (RS && RS->isOwned() && !RS->onBorrow())
      return State->set<RefMap>(Sym, RS->heldElsewhere());
    // An item borrowed from a tuple and stored in a dict lives as long as
    // the dict does: releasing the tuple no longer ends the borrow.
    if (RS && RS->isBorrowed() && RS->holder() && !RS->holderGone())
      return State->set<RefMap>(
          Sym,
          RefState::borrowed(RS->origin(), Holder != Sym ? Holder : nullptr));
    return State;
  }
  case Transition::IncRef:
  case Transition::DecRef:
  case Transition::Steal:
    break;
  }
  // A pointer the path knows is NULL holds no reference: an optional
  // argument PyArg_UnpackTuple left NULL, given to the in-place
  // PyErr_NormalizeException(&type, &value, &tb).
  if (Sym->getType()->isPointerType() &&
      State->getConstraintManager().isNull(State, Sym).isConstrainedTrue())
    return State;

  std::optional<RefState> RS = stateOf(State, Sym);
  if (T == Transition::Steal) {
    // `PyTuple_SET_ITEM(t, 1, self->deps); Py_INCREF(self->deps);`: the
    // reference the container takes is the one taken right after, as for
    // a store into a field (StoredSyms).
    IncrefAfter Next =
        !RS || RS->isBorrowed() ? increfFollows(At, C) : IncrefAfter::None;
    if (Next == IncrefAfter::Statement)
      return addStore<StoredSyms>(RS ? State->remove<RefMap>(Sym) : State,
                                  Sym);
    // `if (PyList_SetItem(l, i, o) < 0) return NULL; Py_INCREF(o);`: a steal
    // of a borrowed reference where the call fails, and the Py_INCREF the
    // holder's where it succeeds (not a leak as well).
    if (Next == IncrefAfter::OnSuccess)
      State = addStore<StoredSyms>(State, Sym);
    if (!RS)
      return State;
    if (RS->isOwned()) {
      if (RS->count() > 1)
        return State->set<RefMap>(Sym, RS->withCount(RS->count() - 1));
      // The reference was taken on an object a known lender holds
      // (Py_INCREF on a parameter, then PyList_SET_ITEM, as typeobject.c's
      // mro_implementation does with its type): the object outlives the
      // container, borrowed from that lender again. With an unknown lender
      // (a field's object) it stays stolen: releasing it afterwards
      // releases a reference the code no longer has (arraymodule.c's
      // error paths after PyModule_AddObject).
      if (RS->onBorrow() && RS->lenderKnown())
        return State->set<RefMap>(Sym, RS->backToBorrowed(At));
      return State->set<RefMap>(
          Sym, RS->stolen(At, Holder != Sym ? Holder : nullptr));
    }
    if (RS->isBorrowed() && enabled(checks::StealOfBorrowed))
      if (ExplodedNode *N = C.generateNonFatalErrorNode(State))
        Diags.report(Diags.StealOfBorrowedBug,
                     RefDiagnostics::stealOfBorrowed(Callee, *RS), Sym, N, C);
    return State->remove<RefMap>(Sym);
  }

  if (State->contains<SelfManaged>(Sym))
    return State;
  if (T == Transition::IncRef) {
    if (State->get<OwedToField>(Sym)) {
      // The reference an owning field was waiting for.
      State = State->remove<OwedToField>(Sym);
      if (!RS || RS->isBorrowed())
        return RS ? State->remove<RefMap>(Sym) : State;
    }
    // `self->x = obj; Py_INCREF(obj);`: the reference taken now belongs to
    // the memory the object was already stored into.
    // One Py_INCREF per store: a caller's Py_XINCREF of the returned
    // object afterwards takes a reference of its own.
    if (!RS || RS->isBorrowed())
      if (ProgramStateRef Served = serveStore<StoredSyms>(State, Sym))
        return RS ? Served->remove<RefMap>(Sym) : Served;
    // `memcpy(keys, table, n); ... Py_INCREF(entry->key)`: the reference
    // of the copy's entry (RefSummaryManager::readsCopiedTable).
    if (!RS)
      if (const auto *CE = dyn_cast_or_null<CallExpr>(At);
          CE && CE->getNumArgs() &&
          Summaries.readsCopiedTable(
              CE->getArg(CE->getNumArgs() - 1),
              dyn_cast_or_null<FunctionDecl>(
                  C.getLocationContext()->getDecl())))
        return State;
    if (RS && RS->isBorrowed() && RS->holderGone())
      return lostWithContainer(State, Sym, *RS, C, Reported);
    if (!RS || RS->isBorrowed())
      return State->set<RefMap>(
          Sym, RefState::ownedOnBorrow(At, RS ? &*RS : nullptr));
    if (RS->isOwned())
      return State->set<RefMap>(Sym, RS->withCount(RS->count() + 1));
    // A stolen object lives on in its container: a new reference to it is
    // fine while the container does.
    if (RS->kind() == RefState::Stolen && !stolenObjectGone(State, *RS))
      return State->set<RefMap>(Sym, RefState::ownedOnBorrow(At));
    // Incrementing an object we no longer hold a reference to (one we knew
    // nothing about may still be held by somebody else).
    if (enabled(checks::UseAfterRelease) && !RS->isReleasedUnknown())
      return reportAndForget(State, Sym, Diags.UseAfterReleaseBug,
                             RefDiagnostics::useAfterRelease(*RS), C, Reported);
    return State->remove<RefMap>(Sym);
  }

  // Decrement.
  // `Py_DECREF(Py_TYPE(self))` in a dealloc: the instance's reference to
  // its type is never the type's last one (a heap type's tp_mro holds the
  // type itself; a static type is never freed), so the type is still there
  // for `Py_TYPE(self)->tp_free(self)` after it.
  if (isTypeField(fieldOfValue(Sym)))
    return forget(State, Sym, /*StopJudging=*/true);
  if (!RS) {
    // `Py_XDECREF(old_value)` on the path where `old_value == value`
    // (CPython's insertdict): the code releases the object it holds
    // under its other name.
    SymbolRef Alias = ownedEqualTo(State, Sym, C);
    if (!Alias)
      return releaseUnknown(State, Sym, At);
    Sym = Alias;
    RS = stateOf(State, Sym);
  }
  if (RS->isOwned()) {
    if (RS->count() > 1)
      return State->set<RefMap>(Sym, RS->withCount(RS->count() - 1));
    // What this container stole may go with it.
    for (auto [Other, ORS] : State->get<RefMap>())
      if (ORS.kind() == RefState::Stolen && ORS.holder() == Sym)
        State = State->set<RefMap>(Other, ORS.holderReleased());
    // Back to what it was: borrowed, alive thanks to the lender (a
    // container it was handed to, the owner it was borrowed from). Unknown
    // lenders are forgotten.
    if (RS->onBorrow())
      return RS->lenderKnown()
                 ? State->set<RefMap>(Sym, RS->backToBorrowed(At))
                 : State->remove<RefMap>(Sym);
    return itemsLostWith(State->set<RefMap>(Sym, RS->released(At)), Sym);
  }
  // `Py_DECREF(PyTuple_GET_ITEM(t, i))`, the item read in the release
  // itself: the code gives back the reference the container's slot holds
  // (a dealloc taking its items apart, a reused result tuple about to get
  // new ones), not one it borrowed. An item read into a variable and
  // released later is still judged.
  if (RS->isBorrowed() && RS->holder() && readWithin(RS->origin(), At))
    return forget(State, Sym, /*StopJudging=*/true);
  if (enabled(checks::OverRelease) && !RS->isReleasedUnknown())
    return reportAndForget(State, Sym, Diags.OverReleaseBug,
                           RefDiagnostics::overRelease(*RS), C, Reported);
  return State->remove<RefMap>(Sym);
}

/// The statically allocated object V points to (`Py_None`, `&T_Type`), or
/// null: a global or static variable of an object type, not a pointer.
static const MemRegion *staticObjectOf(SVal V) {
  if (V.getAsLocSymbol())
    return nullptr;
  const MemRegion *R = V.getAsRegion();
  R = R ? R->StripCasts() : nullptr;
  const auto *VR = dyn_cast_or_null<NonParamVarRegion>(R);
  if (!VR || VR->getValueType()->isPointerType())
    return nullptr;
  return R;
}

/// Statically allocated objects the file defines itself (its own type
/// objects) are mortal on every Python version. The interpreter's own
/// (Py_None, Py_True, built-in types), and those of other files, are judged
/// only when the headers say they are older than 3.12: from 3.12 on they are
/// immortal and their count does not matter; with no version in sight they
/// are not judged at all.
bool PyRefChecker::judgesStatic(const MemRegion *R, CheckerContext &C) const {
  const auto *VR = dyn_cast<NonParamVarRegion>(R);
  if (!VR)
    return false;
  if (VR->getDecl()->getDefinition())
    return true;
  return staticObjectsIn(C.getPreprocessor()) == StaticObjects::Mortal;
}

ProgramStateRef PyRefChecker::countStatic(ProgramStateRef State,
                                          const MemRegion *R, int Delta,
                                          const Stmt *At) const {
  const int *N = State->get<StaticRefs>(R);
  int Before = N ? *N : 0, After = Before + Delta;
  if (After <= 0)
    State = State->remove<StaticRefOrigin>(R);
  else if (Before <= 0)
    State = State->set<StaticRefOrigin>(R, At);
  return After ? State->set<StaticRefs>(R, After)
               : State->remove<StaticRefs>(R);
}

ProgramStateRef PyRefChecker::stealStatic(ProgramStateRef State,
                                          const MemRegion *R, const Expr *At,
                                          StringRef Callee, bool Report,
                                          CheckerContext &C,
                                          bool &Reported) const {
  if (const int *N = State->get<StaticRefs>(R); N && *N > 0)
    return countStatic(State, R, -1, At);
  // `PyModule_AddObject(m, "T", (PyObject *)&T); Py_INCREF(&T);`: the
  // reference the module takes is the one taken right after (pyodbc).
  IncrefAfter Next = increfFollows(At, C);
  if (Next == IncrefAfter::Statement)
    return countStatic(State, R, -1, At);
  if (Next == IncrefAfter::OnSuccess)
    State = countStatic(State, R, -1, At);
  if (Report && enabled(checks::StealOfBorrowed) && judgesStatic(R, C))
    if (ExplodedNode *EN = C.generateNonFatalErrorNode(State)) {
      Diags.reportStaticSteal(
          staticObjectName(cast<NonParamVarRegion>(R)->getDecl()), Callee, At,
          EN, C);
      Reported = true;
    }
  return State;
}

ProgramStateRef PyRefChecker::steal(ProgramStateRef State, SVal V,
                                    const Expr *At, StringRef Callee,
                                    SymbolRef Holder, bool ReportStatic,
                                    CheckerContext &C, bool &Reported) const {
  if (const MemRegion *R = staticObjectOf(V))
    return stealStatic(forgetItemsOf(State, Holder), R, At, Callee,
                       ReportStatic, C, Reported);
  return updateSymbol(State, V.getAsLocSymbol(), Transition::Steal, At, Callee,
                      Holder, C, Reported);
}

ProgramStateRef PyRefChecker::applyRefOp(RefOp Op, SVal Obj, const Expr *CE,
                                         ProgramStateRef State,
                                         CheckerContext &C,
                                         bool &Reported) const {
  bool Inc = Op == RefOp::Incref || Op == RefOp::XIncref ||
             Op == RefOp::NewRef || Op == RefOp::XNewRef;
  SymbolRef Sym = Obj.getAsLocSymbol();
  if (!Sym) {
    // Statically allocated objects (Py_None, Py_True, type objects).
    if (const MemRegion *R = staticObjectOf(Obj)) {
      // The reference a store made before it was waiting for.
      if (Inc)
        if (ProgramStateRef Served = serveStore<StaticStores>(State, R))
          return Served;
      return countStatic(State, R, Inc ? 1 : -1, CE);
    }
    return State;
  }
  return updateSymbol(State, Sym, Inc ? Transition::IncRef : Transition::DecRef,
                      CE, "", nullptr, C, Reported);
}

ProgramStateRef PyRefChecker::updatePointees(ProgramStateRef State,
                                             const CallEvent &Call,
                                             ArrayRef<unsigned> Args,
                                             Transition T,
                                             CheckerContext &C) const {
  bool Reported = false;
  for (unsigned I : Args) {
    if (I >= Call.getNumArgs())
      continue;
    auto L = Call.getArgSVal(I).getAs<Loc>();
    if (!L)
      continue;
    SymbolRef Sym = State->getSVal(*L).getAsLocSymbol();
    State = updateSymbol(State, Sym, T, Call.getOriginExpr(), "", nullptr, C,
                         Reported);
    // A borrowed reference written straight into a field or a global
    // (`PyArg_ParseTuple(args, "O", &self->payload)`): like a store, the
    // Py_INCREF that follows takes the reference for that memory.
    if (const MemRegion *R = L->getAsRegion();
        Sym && T == Transition::BorrowedOut && R && !R->hasStackStorage())
      State = addStore<StoredSyms>(State, Sym);
  }
  return State;
}

//===----------------------------------------------------------------------===//
// Calls
//===----------------------------------------------------------------------===//

/// Who keeps an object a rule steals alive: the container a stealing call
/// puts it into (its first argument: the tuple, list, module or exception,
/// when that is an object), or the value a format builds.
static SymbolRef holderOf(const ArgRule &R, const CallEvent &Call) {
  switch (R.Holder) {
  case HolderKind::None:
    return nullptr;
  case HolderKind::FirstArg:
    if (Call.getNumArgs() < 2 ||
        !isPyObjectPointerType(Call.getArgExpr(0)->getType()))
      return nullptr;
    return Call.getArgSVal(0).getAsLocSymbol();
  case HolderKind::Result:
    return Call.getReturnValue().getAsLocSymbol();
  }
  return nullptr;
}

/// The C library's memory writers, by name: the destination is argument 0,
/// the size argument 2.
static bool isMemoryWriter(StringRef Name) {
  static constexpr llvm::StringLiteral Names[] = {
      "memset",           "memcpy",           "memmove",
      "__builtin_memset", "__builtin_memcpy", "__builtin_memmove",
      "__builtin___memset_chk", "__builtin___memcpy_chk",
      "__builtin___memmove_chk"};
  return llvm::is_contained(Names, Name);
}

/// `memset(m->fuzzy_counts, 0, sizeof(m->fuzzy_counts))` on a new object
/// whose other fields already hold objects (mrab-regex's
/// pattern_new_match): the engine, which does not know these functions,
/// would forget every field of the struct, and with them which objects
/// the fields hold; the Py_INCREF of such a field afterwards would take a
/// reference on an unknown object. Where the size is known and fits in the
/// field, only that field is written.
bool PyRefChecker::evalFieldWrite(const CallEvent &Call,
                                  CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD || !FD->getIdentifier() || Call.getNumArgs() < 3 ||
      !isMemoryWriter(FD->getName()) || !Call.getOriginExpr())
    return false;
  const MemRegion *Dest = Call.getArgSVal(0).getAsRegion();
  Dest = Dest ? Dest->StripCasts() : nullptr;
  // An array field decays to its first element.
  if (const auto *ER = dyn_cast_or_null<ElementRegion>(Dest))
    if (ER->getIndex().isZeroConstant())
      Dest = ER->getSuperRegion();
  const auto *Field = dyn_cast_or_null<FieldRegion>(Dest);
  std::optional<nonloc::ConcreteInt> Size =
      Call.getArgSVal(2).getAs<nonloc::ConcreteInt>();
  if (!Field || !Size || Field->getValueType()->isIncompleteType())
    return false;
  uint64_t FieldBytes = C.getASTContext()
                            .getTypeSizeInChars(Field->getValueType())
                            .getQuantity();
  if (Size->getValue().getZExtValue() > FieldBytes)
    return false;
  // Invalidating the field would invalidate the whole struct (the store
  // keeps a struct's bindings together): bind the field instead, to zero
  // for memset(p, 0, n), to unknown bytes otherwise.
  ProgramStateRef State = C.getState();
  const LocationContext *LC = C.getLocationContext();
  loc::MemRegionVal FieldLoc(Field);
  bool Zero = FD->getName().contains("memset") &&
              Call.getArgSVal(1).isZeroConstant();
  State = Zero ? State->bindDefaultZero(FieldLoc, LC)
               : State->bindDefaultInitial(FieldLoc, UnknownVal(), LC);
  C.addTransition(State->BindExpr(Call.getOriginExpr(), LC,
                                  Call.getArgSVal(0)));
  return true;
}

/// Py_TPFLAGS_HEAPTYPE, the same bit on every Python version.
constexpr uint64_t HeapTypeFlag = 1u << 9;

/// The Py_TPFLAGS_*_SUBCLASS bits that PyTuple_Check and its kin test
/// (the same on every Python 3 version), by the built-in type whose
/// instances and subclasses have them.
constexpr std::pair<StringRef, uint64_t> SubclassFlags[] = {
    {"int", 1u << 24},   {"list", 1u << 25}, {"tuple", 1u << 26},
    {"bytes", 1u << 27}, {"str", 1u << 28},  {"dict", 1u << 29},
};

uint64_t refcheck::subclassFlagOf(StringRef Type) {
  for (auto [Name, Flag] : SubclassFlags)
    if (Name == Type)
      return Flag;
  return 0;
}

/// The built-in type whose Py_TPFLAGS_*_SUBCLASS bit Flag is, or "" when
/// it is not one of SubclassFlags.
static StringRef subclassFlagType(uint64_t Flag) {
  for (auto [Name, F] : SubclassFlags)
    if (F == Flag)
      return Name;
  return "";
}

/// The object o of `PyType_HasFeature(Py_TYPE(o), F)`'s first argument.
static SymbolRef objectOfType(SVal TypeArg) {
  SymbolRef TypeSym = TypeArg.getAsSymbol();
  const FieldRegion *FR = TypeSym ? fieldOfValue(TypeSym) : nullptr;
  if (!isTypeField(FR))
    return nullptr;
  const SymbolicRegion *Obj = FR->getSuperRegion()->getSymbolicBase();
  return Obj ? Obj->getSymbol() : nullptr;
}

void PyRefChecker::noteTypeFlagAnswer(const CallEvent &Call,
                                      CheckerContext &C) const {
  const TypeFlagsQuery *Q = TypeFlagsQueries.lookup(Call);
  if (!Q || *Q != TypeFlagsQuery::HasFeature || Call.getNumArgs() != 2)
    return;
  auto F = Call.getArgSVal(1).getAs<nonloc::ConcreteInt>();
  SymbolRef Obj = objectOfType(Call.getArgSVal(0));
  // The engine has split on the body's test: the answer is 0 or 1.
  auto Answer = Call.getReturnValue().getAs<nonloc::ConcreteInt>();
  if (!F || !Obj || !Answer)
    return;
  uint64_t Flag = F->getValue().getZExtValue();
  if (subclassFlagType(Flag).empty())
    return;
  ProgramStateRef State = C.getState();
  bool Set = !Answer->getValue().isZero();
  const bool *Known = State->get<TypeFlagAnswers>({Obj, Flag});
  if (!Known || *Known != Set)
    C.addTransition(State->set<TypeFlagAnswers>({Obj, Flag}, Set));
}

/// For `PyType_HasFeature(Py_TYPE(o), F)` where o is the result of a call
/// that makes an object of one built-in type (PyTuple_New: a tuple) and F
/// one of SubclassFlags: whether o has it. A call's result of type str may
/// be a subclass of str (PyObject_Str), which has the same bit.
static std::optional<bool> madeTypeHasFlag(SVal TypeArg, uint64_t Flag) {
  StringRef Type = subclassFlagType(Flag);
  if (Type.empty())
    return std::nullopt;
  SymbolRef Obj = objectOfType(TypeArg);
  const CallExpr *Maker = Obj ? callReturning(Obj) : nullptr;
  StringRef Made =
      Maker ? ApiModel::typeMadeBy(userFacingName(directCalleeName(Maker)))
            : StringRef();
  if (Made.empty())
    return std::nullopt;
  return Made == Type;
}

/// Evaluates a TypeFlagsQueries call on a static type object: "has the
/// heap-type flag" is false; the flags read have that bit clear. And on
/// the type of an object a call made (madeTypeHasFlag): whether it is a
/// tuple, a list... Other questions and other types are left to the
/// call's body or its row.
bool PyRefChecker::evalStaticTypeFlags(const CallEvent &Call,
                                       CheckerContext &C) const {
  const TypeFlagsQuery *Q = TypeFlagsQueries.lookup(Call);
  if (!Q || !Call.getOriginExpr())
    return false;
  SValBuilder &SVB = C.getSValBuilder();
  QualType T = Call.getResultType();
  const LocationContext *LC = C.getLocationContext();
  ProgramStateRef State = C.getState();
  // `PyTuple_Check(t)` where t came from PyTuple_New: true (cvxopt's
  // fftw.c checks the tuple it has just made, and the branch where it is
  // not one leaked it).
  if (*Q == TypeFlagsQuery::HasFeature)
    if (auto F = Call.getArgSVal(1).getAs<nonloc::ConcreteInt>())
      if (std::optional<bool> Has = madeTypeHasFlag(
              Call.getArgSVal(0), F->getValue().getZExtValue())) {
        C.addTransition(State->BindExpr(Call.getOriginExpr(), LC,
                                        SVB.makeIntVal(*Has ? 1 : 0, T)));
        return true;
      }
  if (!staticObjectOf(Call.getArgSVal(0)))
    return false;
  if (*Q == TypeFlagsQuery::HasFeature) {
    std::optional<nonloc::ConcreteInt> F =
        Call.getArgSVal(1).getAs<nonloc::ConcreteInt>();
    if (!F || F->getValue() != HeapTypeFlag)
      return false;
    C.addTransition(State->BindExpr(Call.getOriginExpr(), LC,
                                    SVB.makeZeroVal(T)));
    return true;
  }
  SVal Flags = SVB.conjureSymbolVal(nullptr, Call.getOriginExpr(), LC,
                                    T, C.blockCount());
  SVal Heap = SVB.evalBinOp(State, BO_And, Flags,
                            SVB.makeIntVal(HeapTypeFlag, T), T);
  SVal IsClear = SVB.evalEQ(State, Heap, SVB.makeZeroVal(T));
  if (auto D = IsClear.getAs<DefinedOrUnknownSVal>())
    if (ProgramStateRef Clear = State->assume(*D, true))
      State = Clear;
  C.addTransition(State->BindExpr(Call.getOriginExpr(), LC, Flags));
  return true;
}

bool PyRefChecker::evalCall(const CallEvent &Call, CheckerContext &C) const {
  if (evalStaticTypeFlags(Call, C) || evalFieldWrite(Call, C))
    return true;
  const RefOp *Op = RefOps.lookup(Call);
  if (!Op) {
    const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
    const FunctionSpec *Spec = Summaries.specFor(FD);
    if (!RefSummaryManager::isInlineStealer(Call, Spec)) {
      // A compatibility shim of an API function: its row, not its body.
      if (!Summaries.isModelledShim(Call, Spec))
        return false;
      evalOpaqueCall(Call, C);
      return true;
    }
    CallSummary S = Summaries.summarize(Call);
    const Expr *CE = Call.getOriginExpr();
    ProgramStateRef State = C.getState();
    bool Reported = false;
    // PyTuple_SET_ITEM(t, i, v) replacing an item hands the container's
    // reference to the old one over to the code.
    if (Call.getNumArgs() > 1 &&
        isPyObjectPointerType(Call.getArgExpr(0)->getType()))
      State = forgetItemsOf(State, Call.getArgSVal(0).getAsLocSymbol());
    for (const ArgRule &R : S.Args)
      if (R.When == EffectTime::Eval && R.Effect == ArgEffect::StealAlways)
        State = steal(State, Call.getArgSVal(R.Index), CE, S.Callee,
                      holderOf(R, Call), R.Holder != HolderKind::Result, C,
                      Reported);
    C.addTransition(bindConjuredResult(Call, C, State));
    return true;
  }
  std::optional<RefOpCall> R = evalRefOp(RefOps, Call, C);
  if (!R)
    return false;
  if (R->NullPath)
    C.addTransition(R->NullPath);
  if (!R->State || R->Op == RefOp::Dealloc) {
    if (R->State)
      C.addTransition(R->State);
    return true;
  }
  bool Reported = false;
  ProgramStateRef State = applyRefOp(R->Op, R->Obj, Call.getOriginExpr(),
                                     R->State, C, Reported);
  if (State && !Reported)
    C.addTransition(State);
  return true;
}

/// The header accessors that read an object's own fields (static inline
/// functions on 3.10+ headers, macros before).
static bool readsObjectHeader(const CallEvent &Call) {
  static constexpr llvm::StringLiteral Readers[] = {
      "Py_TYPE", "Py_REFCNT", "Py_SIZE", "Py_IS_TYPE", "_Py_TYPE",
      "_Py_REFCNT", "_Py_SIZE", "_Py_IS_TYPE"};
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  const IdentifierInfo *II = FD ? FD->getIdentifier() : nullptr;
  return II && llvm::is_contained(Readers, II->getName());
}

/// The local variable whose address (or the address of a part of it) V is.
static const VarRegion *stackLocalOf(SVal V) {
  const MemRegion *R = V.getAsRegion();
  const auto *VR =
      R ? dyn_cast<VarRegion>(R->StripCasts()->getBaseRegion()) : nullptr;
  return VR && isa<StackLocalsSpaceRegion>(VR->getMemorySpace()) ? VR : nullptr;
}

/// A call the analysis did not follow (an unknown function, or one whose
/// body it would not inline again: a large helper past the engine's bound)
/// was handed the address of a local struct: what its fields held is the
/// callee's business now (`destroy_options(&opts)` clears them). A value
/// the code read from such a field after the struct was filled through
/// pointers (`PyArg_ParseTuple(args, "O", &o->cls); Py_INCREF(o->cls);`) is a
/// symbol derived from the struct's contents, which the engine does not
/// list among the escaped ones: the field's region names it.
ProgramStateRef
PyRefChecker::forgetFieldsOfLocalArgs(ProgramStateRef State,
                                      const CallEvent &Call) const {
  llvm::SmallPtrSet<const MemRegion *, 2> Locals;
  for (unsigned I = 0, E = Call.getNumArgs(); I != E; ++I)
    if (const VarRegion *VR = stackLocalOf(Call.getArgSVal(I)))
      Locals.insert(VR);
  if (Locals.empty())
    return State;
  for (auto [Sym, RS] : State->get<RefMap>())
    if (const auto *D = dyn_cast<SymbolDerived>(Sym);
        D && Locals.count(D->getRegion()->getBaseRegion()))
      State = forget(State, Sym, /*StopJudging=*/false);
  return State;
}

/// A local struct whose address goes to a function with no body here
/// (`tmp = *it; ...; PySequence_List((PyObject *)&tmp)`): the callee may
/// release or replace what the struct's fields hold, so those objects are
/// no longer the code's to judge. The engine lets the objects the code
/// stored in the struct escape with it, but not those a copy of another
/// struct (`tmp = *it`) holds: they are not bindings of their own.
ProgramStateRef PyRefChecker::forgetHeldInLocals(ProgramStateRef State,
                                                 const CallEvent &Call,
                                                 CheckerContext &C) const {
  if (const Decl *D = Call.getRuntimeDefinition().getDecl(); D && D->hasBody())
    return State; // the analysis may follow the call and see what it does
  MemRegionManager &MRM = C.getStoreManager().getRegionManager();
  for (unsigned I = 0, E = Call.getNumArgs(); I != E; ++I) {
    const VarRegion *VR = stackLocalOf(Call.getArgSVal(I));
    if (!VR)
      continue;
    const RecordDecl *RD = VR->getValueType()->getAsRecordDecl();
    if (!RD || !RD->getDefinition())
      continue;
    for (const FieldDecl *F : RD->getDefinition()->fields()) {
      if (!isPyObjectPointerType(F->getType()))
        continue;
      SymbolRef Sym =
          State->getSVal(MRM.getFieldRegion(F, VR)).getAsLocSymbol();
      if (Sym && State->get<RefMap>(Sym))
        State = forget(State, Sym, /*StopJudging=*/false);
    }
  }
  return State;
}

void PyRefChecker::checkPreCall(const CallEvent &Call,
                                CheckerContext &C) const {
  // A store of a singleton waits for the Py_INCREF that comes right after
  // it; once anything else is called, a later Py_INCREF or Py_NewRef is
  // for something else (a `Py_RETURN_NONE` after an unrecognised one:
  // JOIN_OBJ(p) of _elementtree's tagged pointers).
  const RefOp *Op = RefOps.lookup(Call);
  ProgramStateRef Start = C.getState();
  if (!Start->get<StaticStores>().isEmpty() &&
      !(Op && (*Op == RefOp::Incref || *Op == RefOp::XIncref)))
    Start = Start->remove<StaticStores>();
  if (Op) {
    if (Start != C.getState())
      C.addTransition(Start);
    return;
  }
  ProgramStateRef State = recordInPlaceOld<InPlaceOld>(
      Start,
      Summaries.specFor(dyn_cast_or_null<FunctionDecl>(Call.getDecl())), Call);
  State = forgetHeldInLocals(State, Call, C);
  if (State != C.getState())
    C.addTransition(State);
  if (!enabled(checks::UseAfterRelease))
    return;
  for (unsigned I = 0, E = Call.getNumArgs(); I != E; ++I) {
    SymbolRef Sym = Call.getArgSVal(I).getAsLocSymbol();
    if (!Sym)
      continue;
    const RefState *RS = State->get<RefMap>(Sym);
    if (!RS || (!RS->isGone() && !stolenObjectGone(State, *RS)))
      continue;
    // An object released without being known may live on in somebody
    // else's hands: only reading its own fields is judged.
    if (RS->isReleasedUnknown() && !readsObjectHeader(Call))
      continue;
    // Passing on an object whose reference a container took is fine while
    // the container lives.
    if (RS->kind() == RefState::Stolen && !stolenObjectGone(State, *RS))
      continue;
    // The release itself: finding the type's dealloc slot, calling it.
    if (RS->kind() == RefState::Released &&
        (readsDeallocSlot(Call.getOriginExpr(), C.getLocationContext()) ||
         callsThroughDeallocator(Call.getOriginExpr()) ||
         Summaries.deallocates(Call, I)))
      continue;
    if (ExplodedNode *N = C.generateNonFatalErrorNode(State)) {
      StringRef Callee;
      if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl()))
        if (const IdentifierInfo *II = FD->getIdentifier())
          Callee = userFacingName(II->getName());
      Diags.report(Diags.UseAfterReleaseBug,
                   RefDiagnostics::passedAfterRelease(Callee, *RS), Sym, N,
                   C);
      C.addTransition(State->remove<RefMap>(Sym), N);
    }
    return;
  }
  if (State != C.getState())
    C.addTransition(State);
}

bool PyRefChecker::resizesParam(const FunctionDecl *FD, unsigned I) const {
  // The body's parameters are the definition's, also when the call saw a
  // forward declaration.
  FD = FD->getDefinition();
  if (!FD)
    return false;
  auto [It, New] = ResizedParams.try_emplace(FD);
  if (New) {
    struct Finder : RecursiveASTVisitor<Finder> {
      const FunctionDecl *FD;
      llvm::SmallVector<unsigned, 1> &Out;
      Finder(const FunctionDecl *FD, llvm::SmallVector<unsigned, 1> &Out)
          : FD(FD), Out(Out) {}
      void note(const Expr *E) {
        const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
        const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
        if (P && P->getDeclContext() == FD &&
            !llvm::is_contained(Out, P->getFunctionScopeIndex()))
          Out.push_back(P->getFunctionScopeIndex());
      }
      bool VisitCallExpr(CallExpr *CE) {
        if (directCalleeName(CE) == "Py_SET_SIZE" && CE->getNumArgs() == 2)
          note(CE->getArg(0));
        return true;
      }
      bool VisitBinaryOperator(BinaryOperator *BO) {
        if (const auto *ME =
                dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenCasts());
            ME && BO->isAssignmentOp() &&
            ME->getMemberDecl()->getName() == "ob_size")
          note(ME->getBase());
        return true;
      }
    } F(FD, It->second);
    F.TraverseStmt(FD->getBody());
  }
  return llvm::is_contained(It->second, I);
}

void PyRefChecker::checkPostCall(const CallEvent &Call,
                                 CheckerContext &C) const {
  if (C.wasInlined) {
    noteTypeFlagAnswer(Call, C);
    return;
  }
  if (RefOps.lookup(Call) || !Call.getOriginExpr())
    return;
  // A function of the file that shrinks a list or tuple it is given
  // (list_resize, when the analysis did not go into it) hands the
  // references of the items past the new end to the code.
  ProgramStateRef State = C.getState();
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
      FD && FD->hasBody())
    for (unsigned I = 0, E = Call.getNumArgs(); I != E; ++I)
      if (SymbolRef Sym = Call.getArgSVal(I).getAsLocSymbol();
          Sym && resizesParam(FD, I))
        State = forgetItemsOf(State, Sym);
  applySummary(Summaries.summarize(Call), Call, C, State);
}

void PyRefChecker::applySummary(const CallSummary &S, const CallEvent &Call,
                                CheckerContext &C,
                                ProgramStateRef Start) const {
  const Expr *CE = Call.getOriginExpr();
  ProgramStateRef State = Start ? Start : C.getState();
  SVal Ret = Call.getReturnValue();
  bool Reported = false; // the transitions below go on after a report

  // A conditional steal (PyModule_AddObject) splits the path on the call's
  // result: the rules after it apply where the call succeeded.
  ProgramStateRef OnFailure = nullptr;
  std::string FailureNote;
  SmallVector<unsigned, 2> NewRefOuts, BorrowedOuts;
  for (const ArgRule &R : S.Args) {
    if (!State)
      break;
    if (R.When != EffectTime::PostCall)
      continue;
    SVal ArgV = Call.getArgSVal(R.Index);
    SymbolRef Sym = ArgV.getAsLocSymbol();
    SymbolRef Holder = holderOf(R, Call);
    // A format's "N" given a static object is the format check's report.
    bool ReportStatic = R.Holder != HolderKind::Result;
    switch (R.Effect) {
    case ArgEffect::Borrow:
      break;
    case ArgEffect::StealOnSuccess:
    case ArgEffect::StealOnFailure: {
      if (!Ret.getAs<DefinedOrUnknownSVal>())
        break;
      auto [Succ, Fail] = splitOnResult(State, Call, C);
      bool FailureTakes = R.Effect == ArgEffect::StealOnFailure;
      FailureNote = FailureTakes ? RefDiagnostics::assumeStealFailsTakes(S.Callee)
                                 : RefDiagnostics::assumeStealFails(S.Callee);
      if (Fail)
        OnFailure = FailureTakes ? steal(Fail, ArgV, CE, S.Callee, Holder,
                                         ReportStatic, C, Reported)
                                 : Fail;
      State = Succ && !FailureTakes
                  ? steal(Succ, ArgV, CE, S.Callee, Holder, ReportStatic, C,
                          Reported)
                  : Succ;
      break;
    }
    case ArgEffect::StealAlways:
      State = steal(State, ArgV, CE, S.Callee, Holder, ReportStatic, C,
                    Reported);
      break;
    case ArgEffect::Keep:
      State = updateSymbol(State, Sym, Transition::Keep, CE, S.Callee, Holder,
                           C, Reported);
      break;
    case ArgEffect::Init:
      // Raw memory made an object: the caller's one reference, as a new
      // result would be.
      if (Sym && !State->get<RefMap>(Sym))
        State = State->set<RefMap>(Sym, RefState::owned(1, CE));
      break;
    case ArgEffect::NewRefOut:
      // Written together below: the result says whether they were set.
      NewRefOuts.push_back(R.Index);
      break;
    case ArgEffect::BorrowedOut:
      // A call with an integer result writes them where it returns > 0
      // (PyDict_Next at the end of the dict writes nothing): below.
      if (S.OutArgsOnPositive)
        BorrowedOuts.push_back(R.Index);
      else
        State =
            updatePointees(State, Call, R.Index, Transition::BorrowedOut, C);
      break;
    case ArgEffect::InOut:
    case ArgEffect::ReplacedOnSuccess: {
      auto [Succ, Fail] = replaceInPlace(State, R, S, Call, C, Reported);
      if (Fail) {
        OnFailure = Fail;
        FailureNote = RefDiagnostics::assumeInPlaceFails(
            S.Callee, R.Effect == ArgEffect::InOut);
      }
      State = Succ;
      break;
    }
    case ArgEffect::Dealloc:
      State = updateSymbol(State, Sym, Transition::Drop, CE, S.Callee, Holder,
                           C, Reported);
      break;
    case ArgEffect::Forget:
    case ArgEffect::Unknown:
      // What the callee does with a static object's references is its own
      // business from here on.
      if (const MemRegion *SR = staticObjectOf(ArgV))
        State = State->remove<StaticRefs>(SR)->remove<StaticRefOrigin>(SR);
      State = updateSymbol(State, Sym,
                           R.Effect == ArgEffect::Unknown
                               ? Transition::StopJudging
                               : Transition::Forget,
                           CE, S.Callee, Holder, C, Reported);
      break;
    }
  }

  // New references through out-parameters: set iff the call returned > 0
  // (PyDict_GetItemRef) or, for void functions (PyErr_Fetch), when non-NULL.
  if (State && !NewRefOuts.empty()) {
    auto DRet = Ret.getAs<NonLoc>();
    if (DRet && S.OutArgsOnPositive) {
      SValBuilder &SVB = C.getSValBuilder();
      NonLoc Zero = SVB.makeIntVal(0, Call.getResultType()).castAs<NonLoc>();
      auto Positive =
          SVB.evalBinOpNN(State, BO_GT, *DRet, Zero, SVB.getConditionType())
              .template getAs<DefinedOrUnknownSVal>();
      if (Positive) {
        auto [Found, NotFound] = State->assume(*Positive);
        if (NotFound) {
          // The out-parameter holds NULL.
          for (unsigned I : NewRefOuts)
            if (auto L = Call.getArgSVal(I).getAs<Loc>())
              if (auto V = NotFound->getSVal(*L)
                               .template getAs<DefinedOrUnknownSVal>())
                if (auto NS = NotFound->assume(*V, false))
                  NotFound = NS;
          C.addTransition(NotFound);
        }
        State = Found;
      }
    }
    if (State)
      State = updatePointees(State, Call, NewRefOuts, Transition::OwnedOut, C);
  }
  // Borrowed references through out-parameters: written where the call
  // returned non-zero (PyArg_ParseTuple's success, PyDict_Next's next
  // item); at the end of the dict PyDict_Next writes nothing.
  if (State && !BorrowedOuts.empty()) {
    ProgramStateRef Written = State;
    if (auto DRet = Ret.getAs<DefinedOrUnknownSVal>()) {
      ProgramStateRef NotWritten;
      std::tie(Written, NotWritten) = State->assume(*DRet);
      if (!Written)
        State = NotWritten;
      else if (NotWritten)
        C.addTransition(NotWritten);
    }
    if (Written)
      State = updatePointees(Written, Call, BorrowedOuts,
                             Transition::BorrowedOut, C);
  }

  // The result.
  if (State) {
    SymbolRef Sym = Ret.getAsLocSymbol();
    switch (S.Ret.K) {
    case ReturnEffect::NotObject:
    case ReturnEffect::Unknown:
      break;
    case ReturnEffect::New:
      if (Sym && !State->get<RefMap>(Sym)) {
        SymbolRef HeldBy =
            S.Ret.HeldByArg
                ? Call.getArgSVal(*S.Ret.HeldByArg).getAsLocSymbol()
                : nullptr;
        State = State->set<RefMap>(
            Sym, HeldBy ? RefState::ownedHeldBy(CE, HeldBy)
                        : RefState::owned(1, CE));
        if (!S.Ret.CanFail)
          if (auto NN = State->assume(Ret.castAs<DefinedOrUnknownSVal>(), true))
            State = NN;
        State = splitOnNonNullArgs(State, S, Call, C);
      }
      break;
    case ReturnEffect::Borrowed:
      if (Sym && !State->get<RefMap>(Sym)) {
        State = State->set<RefMap>(Sym, RefState::borrowed(CE));
        if (S.Ret.NeverNull)
          if (auto NN = State->assume(Ret.castAs<DefinedOrUnknownSVal>(), true))
            State = NN;
      }
      break;
    case ReturnEffect::AlwaysNull:
      if (Sym)
        if (auto N = State->assume(Ret.castAs<DefinedOrUnknownSVal>(), false))
          State = N;
      break;
    case ReturnEffect::Alias:
      // The argument handed back (RefSummary.h).
      State = bindAliasResult(State, S, Call, C);
      break;
    }
  }

  // x_divrem's `*prem = NULL; return NULL;`: failing, it left NULL there.
  if (State && !S.NullOutOnFailure.empty()) {
    auto [Succ, Fail] = splitOnNullOuts(State, S, Call, C);
    if (Succ && Fail)
      C.addTransition(Fail);
    State = Succ ? Succ : Fail;
  }

  // PyErr_Fetch: no exception type means no value and no traceback.
  if (State && S.OutNullGuard)
    State = splitOnOutNullGuard(State, S, Call, C);

  if (State)
    C.addTransition(State);
  if (OnFailure)
    C.addTransition(OnFailure,
                    C.getNoteTag([FailureNote]() { return FailureNote; }));
}

/// A call whose success proves arguments non-NULL (S.NonNullOnSuccess),
/// given one that may be NULL: the path parts into a NULL result, which
/// goes on as its own transition, and a success where they are not NULL,
/// which is returned. Returns nullptr when no success is feasible. A
/// build of one object (S.ResultIsObjectArg) fails exactly where that
/// object is NULL.
ProgramStateRef PyRefChecker::splitOnNonNullArgs(ProgramStateRef State,
                                                 const CallSummary &S,
                                                 const CallEvent &Call,
                                                 CheckerContext &C) const {
  auto Ret = Call.getReturnValue().getAs<DefinedOrUnknownSVal>();
  if (Ret && S.ResultIsObjectArg)
    if (auto V = Call.getArgSVal(*S.ResultIsObjectArg)
                     .getAs<DefinedOrUnknownSVal>()) {
      auto [NonNull, Null] = State->assume(*V);
      if (Null)
        if (ProgramStateRef Fail = Null->assume(*Ret, false))
          C.addTransition(Fail);
      return NonNull ? NonNull->assume(*Ret, true) : nullptr;
    }
  if (!Ret || S.NonNullOnSuccess.empty())
    return State;
  ProgramStateRef Succ = State;
  for (unsigned I : S.NonNullOnSuccess)
    if (auto V = Call.getArgSVal(I).getAs<DefinedOrUnknownSVal>())
      if (Succ)
        Succ = Succ->assume(*V, true);
  if (Succ == State)
    return State; // every argument is known not NULL
  if (ProgramStateRef Fail = State->assume(*Ret, false))
    C.addTransition(Fail);
  return Succ ? Succ->assume(*Ret, true) : nullptr;
}

ProgramStateRef PyRefChecker::splitOnOutNullGuard(ProgramStateRef State,
                                                  const CallSummary &S,
                                                  const CallEvent &Call,
                                                  CheckerContext &C) const {
  std::optional<DefinedOrUnknownSVal> Guard =
      pointeeOf(State, Call, *S.OutNullGuard);
  if (!Guard)
    return State;
  auto [NonNull, Null] = State->assume(*Guard);
  // A normalized exception has a value.
  for (unsigned I : S.OutSetWithGuard)
    if (NonNull)
      if (std::optional<DefinedOrUnknownSVal> V = pointeeOf(NonNull, Call, I))
        NonNull = NonNull->assume(*V, true);
  for (const ArgRule &R : S.Args) {
    if (!Null)
      break;
    if (R.Effect != ArgEffect::NewRefOut && R.Effect != ArgEffect::InOut)
      continue;
    if (std::optional<DefinedOrUnknownSVal> V = pointeeOf(Null, Call, R.Index))
      Null = Null->assume(*V, false);
  }
  if (Null && NonNull)
    C.addTransition(Null);
  return NonNull ? NonNull : Null;
}

std::pair<ProgramStateRef, ProgramStateRef>
PyRefChecker::replaceInPlace(ProgramStateRef State, const ArgRule &R,
                             const CallSummary &S, const CallEvent &Call,
                             CheckerContext &C, bool &Reported) const {
  const MemRegion *Var = inPlaceVariable(Call, R.Index);
  // Replaced in a field or a global: the reference belongs to that memory.
  if (!Var)
    return {State, nullptr};
  const Expr *CE = Call.getOriginExpr();
  SymbolRef Old = nullptr;
  if (const SymbolRef *O = State->get<InPlaceOld>(Var))
    Old = *O;
  State = State->remove<InPlaceOld>(Var);
  // A call that cannot fail, on a reference the code borrowed
  // (`v = PyTuple_GET_ITEM(t, i); PyUnicode_InternInPlace(&v);`), replaces
  // the owner's reference: whether the code writes the new one back is the
  // owner's business, so neither object is judged any more. A borrowed
  // parameter has no owner the code could write back to: that stays a steal
  // of a borrowed reference.
  if (const RefState *RS = Old ? State->get<RefMap>(Old) : nullptr;
      RS && RS->isBorrowed() && !S.Ret.CanFail && !isTopFrameParam(Old)) {
    State = forget(State, Old, /*StopJudging=*/true);
    if (SymbolRef New =
            State->getSVal(loc::MemRegionVal(Var)).getAsLocSymbol())
      State = forget(State, New, /*StopJudging=*/true);
    return {State, nullptr};
  }
  // A reference the code took on an object somebody else holds
  // (`Py_INCREF(name); PyUnicode_InternInPlace(&name);` on a parameter).
  const RefState *OldRS = Old ? State->get<RefMap>(Old) : nullptr;
  bool OldHeldElsewhere = OldRS && OldRS->isOwned() && OldRS->onBorrow();
  auto [Succ, Fail] = splitInPlace(State, R, S, Call, C, Old);
  // The call consumes the old reference; it stores it nowhere. Taken on an
  // object somebody else holds, the other holder's reference lives on, as
  // after a Py_DECREF: releasing it later is that holder's business
  // (textio.c's `Py_XSETREF(self->decoded_chars, NULL)` after
  // PyUnicode_AppendAndDel consumed the code's own reference to it).
  Transition Consume =
      OldHeldElsewhere ? Transition::DecRef : Transition::Steal;
  // Succeeding, the call took the old reference and left a new one in the
  // variable; an InOut call failing freed the object.
  if (Succ) {
    Succ = updateSymbol(Succ, Old, Consume, CE, S.Callee, nullptr, C,
                        Reported);
    SymbolRef New = Succ->getSVal(loc::MemRegionVal(Var)).getAsLocSymbol();
    Succ = updateSymbol(Succ, New, Transition::OwnedOut, CE, S.Callee,
                        nullptr, C, Reported);
    // A call that cannot fail hands back the same object, which its other
    // holder keeps alive, or one it keeps (the interned string, alive
    // through whoever interned it): releasing the code's reference does not
    // free it.
    if (OldHeldElsewhere && !S.Ret.CanFail && New)
      if (const RefState *NewRS = Succ->get<RefMap>(New);
          NewRS && NewRS->isOwned() && NewRS->count() == 1)
        Succ = Succ->set<RefMap>(New,
                                 RefState::ownedOnBorrow(NewRS->origin()));
  }
  if (Fail && R.Effect == ArgEffect::InOut)
    Fail = updateSymbol(Fail, Old, Consume, CE, S.Callee, nullptr, C,
                        Reported);
  return {Succ, Fail};
}

//===----------------------------------------------------------------------===//
// Escapes, returns and deaths
//===----------------------------------------------------------------------===//

/// Whether argument I of Call is a library's `void *` user data: a
/// parameter of type `void *` of a function outside the C API that this
/// file does not define and that also takes a callback
/// (sqlite3_create_collation_v2's pArg).
static bool handedToLibraryAsUserData(const CallEvent &Call, unsigned I) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD || FD->hasBody() || I >= FD->getNumParams() || !FD->getIdentifier())
    return false;
  // User data goes with the callback that will be given it (and the
  // destroy callback that releases it). A function that only reads what
  // it is handed as `void *` (cvxopt's `get_id(void *val, int type)`)
  // keeps nothing.
  auto IsCallback = [](const ParmVarDecl *P) {
    return P->getType()->isFunctionPointerType() ||
           P->getType()->isBlockPointerType();
  };
  return !isPythonApiName(FD->getName()) &&
         FD->getParamDecl(I)->getType()->isVoidPointerType() &&
         llvm::any_of(FD->parameters(), IsCallback);
}

/// The objects an argument of Call points into the data of (the characters
/// of a bytes object, an array of numbers in its struct) while no argument
/// is the object itself. A pointer to a struct within the object (`&self->
/// state`) is not data: the callee may change what the code's later
/// releases depend on (mrab-regex's scanner releases itself where
/// `state->lock` is set, which the call it handed `state` to may change).
static llvm::SmallPtrSet<SymbolRef, 2>
objectsWithInteriorArgs(const CallEvent &Call) {
  llvm::SmallPtrSet<SymbolRef, 2> Inside, Whole;
  for (unsigned I = 0, E = Call.getNumArgs(); I != E; ++I) {
    SVal V = Call.getArgSVal(I);
    if (SymbolRef Sym = V.getAsLocSymbol()) {
      Whole.insert(Sym);
      continue;
    }
    const Expr *AE = Call.getArgExpr(I);
    QualType Pointee =
        AE ? AE->IgnoreParenImpCasts()->getType()->getPointeeType()
           : QualType();
    if (Pointee.isNull() || !Pointee->isArithmeticType())
      continue;
    const MemRegion *R = V.getAsRegion();
    if (const SymbolicRegion *Base = R ? R->getSymbolicBase() : nullptr)
      Inside.insert(Base->getSymbol());
  }
  for (SymbolRef Sym : Whole)
    Inside.erase(Sym);
  return Inside;
}

ProgramStateRef
PyRefChecker::checkPointerEscape(ProgramStateRef State,
                                 const InvalidatedSymbols &Escaped,
                                 const CallEvent *Call,
                                 PointerEscapeKind Kind) const {
  // The engine lets a pointer escape when it is compared with the address
  // of a global (`o == Py_None`). Nothing takes the reference there, so
  // the object stays tracked: the result of a call may well be Py_None or
  // Py_NotImplemented (PyObject_RichCompare), and leaks on either branch.
  // Where it cannot be the singleton (an object made fresh, PyList_New),
  // checkPostStmt(BinaryOperator) answers the comparison instead.
  if (Kind == PSK_EscapeOther)
    return State;
  if (Call &&
      (Kind == PSK_DirectEscapeOnCall || Kind == PSK_IndirectEscapeOnCall))
    State = forgetFieldsOfLocalArgs(State, *Call);
  if (Kind == PSK_DirectEscapeOnCall && Call) {
    // The call's summary says which arguments stop being ours to judge as
    // they escape; the others are borrowed by the callee.
    CallSummary S = Summaries.summarize(*Call);
    for (const ArgRule &R : S.Args) {
      if (R.When != EffectTime::Escape)
        continue;
      SymbolRef Sym = Call->getArgSVal(R.Index).getAsLocSymbol();
      if (!Sym || !Escaped.count(Sym))
        continue;
      // Handed to a library as a pointer of another type (the `void *` user
      // data of sqlite3_create_collation_v2, released by its destroy
      // callback) while the code held no reference of its own: the
      // Py_INCREF that follows the registration is the library's, as for
      // a store into a field.
      if (const RefState *RS = State->get<RefMap>(Sym);
          R.Effect == ArgEffect::Forget && (!RS || RS->isBorrowed()) &&
          handedToLibraryAsUserData(*Call, R.Index))
        State = addStore<StoredSyms>(State, Sym);
      State = forget(State, Sym, R.Effect == ArgEffect::Unknown);
    }
    return State;
  }
  // An in-place call (_PyBytes_Resize(&b, n)) overwrites the variable: the
  // object it held (recorded at the pre-call) is kept for the call's
  // summary to judge.
  llvm::SmallPtrSet<SymbolRef, 2> InPlace;
  if (Kind == PSK_IndirectEscapeOnCall)
    for (auto [Var, Old] : State->get<InPlaceOld>())
      InPlace.insert(Old);
  // A pointer into an object's own data (`read(fd, PyBytes_AS_STRING(b),
  // n)`) lets the callee write there, not release the object: the engine
  // counts the object among the escaped all the same.
  llvm::SmallPtrSet<SymbolRef, 2> MemoryOnly;
  if (Kind == PSK_IndirectEscapeOnCall && Call)
    MemoryOnly = objectsWithInteriorArgs(*Call);
  // Stored into untracked memory, reachable through a pointer handed to a
  // callee, or written to an out-parameter: no longer ours to release.
  for (SymbolRef Sym : Escaped) {
    if (InPlace.count(Sym) || MemoryOnly.count(Sym))
      continue;
    // Stored into a field of an object the code owns (storeIntoOwned):
    // that object holds it now, and the state says so, also when the
    // owner is handed to a callee.
    if (const RefState *RS = State->get<RefMap>(Sym);
        RS && storedIntoField(*RS))
      continue;
    if (const RefState *RS = State->get<RefMap>(Sym);
        Kind == PSK_EscapeOnBind && (!RS || RS->isBorrowed()))
      State = addStore<StoredSyms>(State, Sym);
    // `Py_INCREF(o); self->x = o;`: the memory takes one of the references
    // the code owns and keeps the object alive; the others are still the
    // code's to release, and once they are, the object is borrowed from the
    // memory (a use is fine, one more release gives back the memory's).
    else if (Kind == PSK_EscapeOnBind && RS && RS->isOwned() &&
             RS->count() > 1) {
      State = State->set<RefMap>(
          Sym, RS->withCount(RS->count() - 1).heldElsewhere());
      continue;
    }
    // `Py_INCREF(b); self->x = b;` on an object somebody else holds too:
    // two holders now, and which one a later release gives back (the
    // lender's, in greenlet's `main_greenlet = consuming(main->self())`)
    // the path does not say.
    else if (Kind == PSK_EscapeOnBind && RS && RS->isOwned() &&
             RS->onBorrow()) {
      State = forget(State, Sym, /*StopJudging=*/true);
      continue;
    }
    State = forget(State, Sym, false);
  }
  return State;
}


/// Whether Sym is held anywhere but in a local variable: a global or a
/// static (`cached = r;`), or a field of an object. A reference taken for
/// such a store belongs to it.
static bool heldOutsideLocals(ProgramStateRef State, SymbolRef Sym) {
  struct Finder : StoreManager::BindingsHandler {
    SymbolRef Sym;
    bool Found = false;
    bool HandleBinding(StoreManager &, Store, const MemRegion *R,
                       SVal V) override {
      if (V.getAsLocSymbol(/*IncludeBaseRegions=*/true) != Sym ||
          isa<StackSpaceRegion>(R->getMemorySpace()))
        return true;
      Found = true;
      return false;
    }
  } F;
  F.Sym = Sym;
  State->getStateManager().getStoreManager().iterBindings(State->getStore(),
                                                          F);
  return F.Found;
}

void PyRefChecker::checkPreStmt(const ReturnStmt *RS, CheckerContext &C) const {
  if (!C.inTopFrame())
    return; // an inlined callee's result goes on living in the caller
  const Expr *RetE = RS->getRetValue();
  if (!RetE)
    return;
  ProgramStateRef State = C.getState();
  SVal V = C.getSVal(RetE);
  const auto *FD = dyn_cast_or_null<FunctionDecl>(C.getLocationContext()->getDecl());
  bool OwesNewRef = FD && isPyObjectPointerType(FD->getReturnType()) &&
                    !Summaries.returnsNoNewRefByOwnRow(FD);
  if (FD)
    for (const auto *A : FD->specific_attrs<AnnotateAttr>())
      if (A->getAnnotation() == "refcheck::returns_borrowed" ||
          A->getAnnotation() == "refcheck::returns_arg")
        OwesNewRef = false;

  SymbolRef Sym = V.getAsLocSymbol();
  if (!Sym) {
    const MemRegion *R = V.getAsRegion();
    if (!R || !isa<NonParamVarRegion>(R->StripCasts()))
      return;
    R = R->StripCasts();
    // A reference taken on a static object goes with it, whatever the
    // declared result type, as an owned object's does: a parser callback
    // returning `void *` (ujson's `Py_RETURN_TRUE` as a JSOBJ).
    const int *N = State->get<StaticRefs>(R);
    if (N && *N > 0) {
      C.addTransition(countStatic(State, R, -1, RS));
      return;
    }
    if (!OwesNewRef)
      return;
    if (!enabled(checks::BorrowedReturn) || isPyReturnMacro(RS, C.getASTContext()))
      return;
    const auto *VR = dyn_cast<VarRegion>(R);
    // Multi-phase initialization: PyInit_* hands back its PyModuleDef
    // (PyModuleDef_Init does the same), not a reference to an object.
    if (VR && recordName(VR->getDecl()->getType()) == "PyModuleDef")
      return;
    if (ExplodedNode *EN = C.generateNonFatalErrorNode(State)) {
      std::string Name = "object";
      if (VR)
        Name = "'" + VR->getDecl()->getNameAsString() + "'";
      Diags.reportStaticReturn(Name, RetE, EN, C);
    }
    return;
  }
  std::optional<RefState> St = stateOf(State, Sym);
  if (!St)
    return;
  // NULL on this path (`return Py_XNewRef(arg);` with arg NULL): no
  // reference is returned, borrowed or released.
  if (!St->isOwned() && State->isNull(V).isConstrainedTrue())
    return;
  if (St->isOwned()) {
    // The caller takes one reference; a function owing a new reference
    // that holds more (`Py_INCREF(r); return r;` of an object it made)
    // leaks the rest on every call that takes this path.
    if (St->count() > 1 && OwesNewRef && !St->onBorrow() &&
        enabled(checks::RefLeak) && !heldOutsideLocals(State, Sym)) {
      static CheckerProgramPointTag Tag("refcheck", "ExtraReturnRef");
      if (ExplodedNode *N = C.generateNonFatalErrorNode(State, &Tag)) {
        Diags.reportLeak(Sym, St->withCount(St->count() - 1), N, C,
                         /*Returned=*/true);
        C.addTransition(State->remove<RefMap>(Sym), N);
      }
      return;
    }
    State = St->count() > 1
                ? State->set<RefMap>(Sym, St->withCount(St->count() - 1))
                : State->remove<RefMap>(Sym);
    C.addTransition(State);
    return;
  }
  // Multi-phase init: PyInit_* returns the borrowed def by design.
  if (St->isBorrowed() && calleeNameOf(St->origin()) == "PyModuleDef_Init")
    return;
  if (St->isBorrowed() && OwesNewRef && enabled(checks::BorrowedReturn)) {
    if (ExplodedNode *N = C.generateNonFatalErrorNode(State)) {
      Diags.report(Diags.BorrowedReturnBug,
                   RefDiagnostics::borrowedReturn(*St), Sym, N, C);
      C.addTransition(State->remove<RefMap>(Sym), N);
    }
    return;
  }
  // A function that returns a borrowed reference may return an object
  // whose reference it handed to a holder that still lives
  // (_PyErr_TrySetFromCause returns the exception it gave PyErr_Restore).
  if (St->kind() == RefState::Stolen && !OwesNewRef &&
      !stolenObjectGone(State, *St))
    return;
  if (St->isGone() && !St->isReleasedUnknown() &&
      enabled(checks::UseAfterRelease)) {
    if (ExplodedNode *N = C.generateNonFatalErrorNode(State)) {
      Diags.report(Diags.UseAfterReleaseBug,
                   RefDiagnostics::returnedAfterRelease(*St), Sym, N, C);
      C.addTransition(State->remove<RefMap>(Sym), N);
    }
  }
}

static bool isRefcntField(const FieldRegion *FR) {
  return FR && FR->getDecl()->getName() == "ob_refcnt";
}


void PyRefChecker::checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                                 CheckerContext &C) const {
  if (IsLoad)
    if (ProgramStateRef Read = readItem(Loc, S, C.getState(), C);
        Read != C.getState()) {
      C.addTransition(Read);
      return;
    }
  if (!enabled(checks::UseAfterRelease))
    return;
  const MemRegion *R = Loc.getAsRegion();
  // The pre-3.8 refcount macros read ob_refcnt right after changing it.
  if (!R || (isRefcntField(dyn_cast<FieldRegion>(R)) && S &&
             S->getBeginLoc().isMacroID()))
    return;
  SymbolRef Sym = R->getSymbolicBase()
                      ? R->getSymbolicBase()->getSymbol()
                      : nullptr;
  if (!Sym)
    return;
  ProgramStateRef State = C.getState();
  const RefState *RS = State->get<RefMap>(Sym);
  bool ItemLost = RS && RS->isBorrowed() && stolenObjectGone(State, *RS);
  if (!RS || (RS->kind() != RefState::Released && !ItemLost) ||
      typeReadForDealloc(dyn_cast<FieldRegion>(R), S, C))
    return;
  if (ExplodedNode *N = C.generateNonFatalErrorNode(State)) {
    Diags.report(Diags.UseAfterReleaseBug,
                 ItemLost ? RefDiagnostics::useAfterRelease(*RS)
                          : RefDiagnostics::dereferencedAfterRelease(),
                 Sym, N, C);
    C.addTransition(State->remove<RefMap>(Sym), N);
  }
}

/// PyTuple_SET_ITEM and PyList_SET_ITEM are macros storing into ob_item up
/// to Python 3.12: recognise the store itself as the steal.
static std::optional<std::string> setItemMacroFor(SVal Loc) {
  const auto *ER = dyn_cast_or_null<ElementRegion>(Loc.getAsRegion());
  if (!ER)
    return std::nullopt;
  const auto *FR = dyn_cast<FieldRegion>(ER->getSuperRegion());
  if (!FR || FR->getDecl()->getName() != "ob_item")
    return std::nullopt;
  StringRef Name = recordName(FR->getDecl()->getParent());
  if (Name == "PyTupleObject")
    return std::string("PyTuple_SET_ITEM");
  if (Name == "PyListObject")
    return std::string("PyList_SET_ITEM");
  return std::nullopt;
}

static bool ownsReference(const FieldDecl *FD) {
  for (const auto *A : FD->specific_attrs<AnnotateAttr>())
    if (A->getAnnotation() == "refcheck::owns_ref")
      return true;
  return false;
}

/// Direct writes to ob_refcnt: `op->ob_refcnt++` and `--op->ob_refcnt` are
/// Py_INCREF and Py_DECREF as macros (Python 3.7 and older); any other write
/// (`op->ob_refcnt = 1`, Py_SET_REFCNT) means the code manages the count
/// itself, and the checker stops tracking the object.
ProgramStateRef PyRefChecker::bindRefcnt(const FieldRegion *FR, const Stmt *S,
                                         ProgramStateRef State,
                                         CheckerContext &C,
                                         bool &Reported) const {
  const MemRegion *Obj = FR->getSuperRegion()->StripCasts();
  SVal ObjV = loc::MemRegionVal(Obj);
  const auto *UO = dyn_cast_or_null<UnaryOperator>(S);
  if (UO && UO->isIncrementDecrementOp())
    return applyRefOp(UO->isIncrementOp() ? RefOp::Incref : RefOp::Decref,
                      ObjV, UO, State, C, Reported);
  if (SymbolRef Sym = ObjV.getAsLocSymbol())
    return State->remove<RefMap>(Sym)->add<SelfManaged>(Sym);
  return State->remove<StaticRefs>(Obj)->remove<StaticRefOrigin>(Obj);
}

/// A store into a field annotated REFCHECK_OWNS_REF hands the field one
/// reference: an owned one moves there; a borrowed one must be followed by
/// a Py_INCREF before the function returns.
ProgramStateRef PyRefChecker::bindOwningField(const FieldRegion *FR, SVal Val,
                                              const Stmt *S,
                                              ProgramStateRef State,
                                              CheckerContext &C) const {
  SymbolRef Sym = Val.getAsLocSymbol();
  if (!Sym)
    return State;
  std::optional<RefState> RS = stateOf(State, Sym);
  if (!RS)
    return State;
  if (RS->isOwned())
    return RS->count() > 1
               ? State->set<RefMap>(Sym, RS->withCount(RS->count() - 1))
               : State->remove<RefMap>(Sym);
  if (RS->isBorrowed())
    return State->set<OwedToField>(Sym, S);
  return State;
}

/// A local variable (or parameter) of the analyzed functions, or a field of
/// a struct that is one (a C++ holder on the stack, `struct { PyObject *p;
/// } h;`): storage of the function's own, which owns nothing by itself, so
/// storing an object there hands its reference to no one.
static bool isLocalVariable(SVal Loc) {
  const MemRegion *R = Loc.getAsRegion();
  while (
      isa_and_nonnull<FieldRegion, CXXBaseObjectRegion, CXXDerivedObjectRegion>(
          R))
    R = cast<SubRegion>(R)->getSuperRegion();
  if (R != Loc.getAsRegion() && R &&
      isa<CXXTempObjectRegion, CXXLifetimeExtendedObjectRegion>(R))
    return isa<StackLocalsSpaceRegion>(R->getMemorySpace());
  const auto *VR = dyn_cast_or_null<VarRegion>(R);
  return VR && VR->hasStackStorage();
}

/// The value the engine made for an item read at a symbolic index
/// (readItem()), bound now to a variable: borrowed from the container.
static ProgramStateRef bindPendingItem(SVal Val, ProgramStateRef State,
                                       CheckerContext &C) {
  if (State->get<PendingItemRead>().isEmpty())
    return State;
  const auto *Conj = dyn_cast_or_null<SymbolConjured>(Val.getAsLocSymbol());
  const auto *E = Conj ? dyn_cast_or_null<Expr>(Conj->getStmt()) : nullptr;
  const SymbolRef *Container =
      E ? State->get<PendingItemRead>(E->IgnoreParenImpCasts()) : nullptr;
  if (Container && !State->get<RefMap>(Conj))
    State = State->set<RefMap>(
        Conj, RefState::borrowed(itemReadOrigin(E, C), *Container));
  for (auto [Read, From] : State->get<PendingItemRead>())
    State = State->remove<PendingItemRead>(Read);
  return State;
}

void PyRefChecker::checkBind(SVal Loc, SVal Val, const Stmt *S,
                             CheckerContext &C) const {
  ProgramStateRef State = bindPendingItem(Val, C.getState(), C);
  // `_cleanup_Py_DECREF_ PyObject *o = f();` (python-systemd's
  // `__attribute__((cleanup(cleanup_Py_DECREFp)))`): the variable's cleanup
  // function releases what it holds when it goes out of scope. The
  // analyzer runs a cleanup whose body it has; one defined in another file
  // it skips, and what the variable holds is the cleanup's to judge.
  if (const auto *VR = dyn_cast_or_null<VarRegion>(Loc.getAsRegion()))
    if (const auto *CA = VR->getDecl()->getAttr<CleanupAttr>())
      if (const FunctionDecl *Cleanup = CA->getFunctionDecl();
          Cleanup && !Cleanup->hasBody() &&
          isPyObjectPointerType(VR->getValueType()))
        if (SymbolRef Sym = Val.getAsLocSymbol()) {
          C.addTransition(forget(State, Sym, /*StopJudging=*/true));
          return;
        }
  if (const auto *FR = dyn_cast_or_null<FieldRegion>(Loc.getAsRegion()))
    State = fieldReferenceHandedOver(FR, Val, State, C);
  if (const MemRegion *R = staticObjectOf(Val)) {
    // A statically allocated object stored into a tuple or list by a
    // SET_ITEM macro is stolen; stored anywhere else but a local variable
    // (a field, a global, an out-parameter), it takes along a reference the
    // code took, if any.
    bool Reported = false;
    ProgramStateRef After = State;
    if (std::optional<std::string> Macro = setItemMacroFor(Loc))
      After = stealStatic(State, R, dyn_cast<Expr>(S), *Macro, true, C,
                          Reported);
    else if (!isLocalVariable(Loc)) {
      const int *N = State->get<StaticRefs>(R);
      if (N && *N > 0)
        After = countStatic(State, R, -1, S);
      // Otherwise the store waits for the Py_INCREF that may come next
      // (`self->factory = (PyObject *)&CursorType; Py_INCREF(self->factory);`).
      // A type stored with none is a borrowed pointer by design
      // (`SubType.tp_base = &BaseType`): the wait ends at the next call.
      else
        After = addStore<StaticStores>(State, R);
    }
    if (After != C.getState() && !Reported)
      C.addTransition(After);
    return;
  }
  if (const auto *FR = dyn_cast_or_null<FieldRegion>(Loc.getAsRegion())) {
    ProgramStateRef After = State;
    bool Reported = false;
    // A list or tuple shrinking (Py_SET_SIZE in CPython's list_resize)
    // hands the references of the items past its new end to the code:
    // list.pop() returns the last item with the list's reference.
    if (FR->getDecl()->getName() == "ob_size")
      if (const auto *Base =
              dyn_cast<SymbolicRegion>(FR->getSuperRegion()->StripCasts())) {
        After = forgetItemsOf(State, Base->getSymbol());
        if (After != C.getState())
          C.addTransition(After);
        return;
      }
    if (isRefcntField(FR))
      After = bindRefcnt(FR, S, State, C, Reported);
    else if (ownsReference(FR->getDecl()))
      After = bindOwningField(FR, Val, S, State, C);
    else
      After = storeIntoOwned(FR, Val, S, State, C);
    if (!After || After == C.getState() || Reported)
      return;
    SymbolRef Sym = Val.getAsLocSymbol();
    if (Sym && After->get<OwedToField>(Sym) && !State->get<OwedToField>(Sym)) {
      std::string Field = FR->getDecl()->getNameAsString();
      C.addTransition(After, C.getNoteTag([Field](PathSensitiveBugReport &BR) {
        return RefDiagnostics::storedIntoOwningField(Field);
      }));
      return;
    }
    C.addTransition(After);
    return;
  }
  std::optional<std::string> Macro = setItemMacroFor(Loc);
  if (!Macro) {
    if (State != C.getState())
      C.addTransition(State);
    return;
  }
  const MemRegion *Tuple = Loc.getAsRegion()->getBaseRegion();
  SymbolRef Holder = nullptr;
  if (const auto *SR = dyn_cast<SymbolicRegion>(Tuple))
    Holder = SR->getSymbol();
  bool Reported = false; // the store happens after a report too
  ProgramStateRef After =
      updateSymbol(State, Val.getAsLocSymbol(), Transition::Steal,
                   dyn_cast<Expr>(S), *Macro, Holder, C, Reported);
  if (After != C.getState())
    C.addTransition(After);
}

void PyRefChecker::reportOwedFields(ProgramStateRef State,
                                    ArrayRef<SymbolRef> Syms, ExplodedNode *N,
                                    CheckerContext &C) const {
  if (!enabled(checks::StealOfBorrowed))
    return;
  for (SymbolRef Sym : Syms) {
    Diags.report(Diags.StealOfBorrowedBug,
                 RefDiagnostics::owedField(*State->get<OwedToField>(Sym)), Sym,
                 N, C);
  }
}

/// An atomic store (`_Py_atomic_store` in CPython's headers) puts the value
/// into memory: the reference goes with it, as for a plain store.
void PyRefChecker::checkPreStmt(const AtomicExpr *AE, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  for (const Stmt *Child : AE->children()) {
    const auto *E = dyn_cast_or_null<Expr>(Child);
    if (!E || E == AE->getPtr())
      continue;
    SymbolRef Sym = C.getSVal(E).getAsLocSymbol();
    if (!Sym)
      continue;
    State = State->remove<RefMap>(Sym)->add<SelfManaged>(Sym);
  }
  if (State != C.getState())
    C.addTransition(State);
}

/// `res == Py_NotImplemented`, where res is a local variable that the
/// function sets to that same static object somewhere (`PyObject *res =
/// Py_NotImplemented;`) and that now holds an object the code owns: the
/// idiom asks whether res still holds its default, and a new reference
/// stored over it is taken not to be the singleton (delta_add's
/// `if (result == Py_NotImplemented) Py_INCREF(result);`).
static bool holdsDefault(const Expr *Side, const MemRegion *Static,
                         const Decl *In) {
  const VarDecl *V = localVariable(Side);
  const auto *SR = dyn_cast<NonParamVarRegion>(Static);
  if (!V || !SR || !In || !In->getBody())
    return false;
  return llvm::any_of(valuesGiven(V, In->getBody()).Values,
                      [SR](const Expr *E) {
                        return isAddressOf(E, SR->getDecl());
                      });
}

/// Whether the path found A and B to differ in one of the
/// Py_TPFLAGS_*_SUBCLASS bits (`PyDict_Check(a)` true, `PyDict_Check(b)`
/// false): they are not one object.
static bool typeFlagsDiffer(ProgramStateRef State, SymbolRef A, SymbolRef B) {
  return llvm::any_of(SubclassFlags, [&](const auto &E) {
    const bool *FA = State->get<TypeFlagAnswers>({A, E.second});
    const bool *FB = State->get<TypeFlagAnswers>({B, E.second});
    return FA && FB && *FA != *FB;
  });
}

/// `fresh == p` where `fresh` is an object the code made on this path
/// (PyDict_New) and p a pointer the path had before that object existed
/// (a parameter, an earlier result): they cannot be the same object, so the
/// comparison is answered rather than split into an impossible branch
/// (`if (kwdict != keywords) Py_DECREF(kwdict);`). So is a comparison of
/// two objects the path's type checks told apart (typeFlagsDiffer), and of
/// a method's self with a made-or-static result.
bool PyRefChecker::answersFreshComparison(const BinaryOperator *BO, SVal L,
                                          SVal R, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  SymbolRef LS = L.getAsLocSymbol(), RS = R.getAsLocSymbol();
  if (!LS || !RS || LS == RS)
    return false;
  // Made by the call, not handed back by it (PyObject_Str(s) of a str is
  // s itself).
  auto FreshOwned = [&](SymbolRef Sym) {
    const RefState *St = State->get<RefMap>(Sym);
    return St && St->isOwned() && !St->onBorrow() &&
           Summaries.madeNew(St->origin());
  };
  // Symbols are numbered as they are made: one older than the fresh
  // object's was a value before that object existed.
  auto Older = [](SymbolRef A, SymbolRef B) {
    const auto *DA = dyn_cast<SymbolData>(A), *DB = dyn_cast<SymbolData>(B);
    return DA && DB && DA->getSymbolID() < DB->getSymbolID();
  };
  // A method's self (an instance of the project's type, a module, a type)
  // is no singleton either, nor an object of a built-in type a call made,
  // so such a result is not self (PyGreSQL's `if ((r =
  // _get_async_result(self)) != self) return r;`, where the helper's
  // result is a new str or int, None, or self as a sentinel).
  auto NewOrStatic = [&](SymbolRef Sym) {
    const RefState *St = State->get<RefMap>(Sym);
    return St && St->isOwned() && !St->onBorrow() &&
           Summaries.madeOrStatic(St->origin());
  };
  ASTContext &Ctx = C.getASTContext();
  // Objects the path's type checks told apart (glpk.c's `param != opts`,
  // where opts failed PyDict_Check and param passed it).
  bool Distinct = typeFlagsDiffer(State, LS, RS) ||
                  (FreshOwned(LS) && Older(RS, LS)) ||
                  (FreshOwned(RS) && Older(LS, RS)) ||
                  (NewOrStatic(LS) && isOwnerSelf(RS, Ctx)) ||
                  (NewOrStatic(RS) && isOwnerSelf(LS, Ctx));
  if (!Distinct)
    return false;
  C.addTransition(State->BindExpr(
      BO, C.getLocationContext(),
      C.getSValBuilder().makeTruthVal(BO->getOpcode() == BO_NE,
                                      BO->getType())));
  return true;
}

bool PyRefChecker::isOwnerSelf(SymbolRef Sym, ASTContext &Ctx) const {
  const auto *RV = dyn_cast_or_null<SymbolRegionValue>(Sym);
  const auto *VR = RV ? dyn_cast<VarRegion>(RV->getRegion()) : nullptr;
  const auto *P = VR ? dyn_cast<ParmVarDecl>(VR->getDecl()) : nullptr;
  if (!P || P->getFunctionScopeIndex() != 0)
    return false;
  const auto *FD = dyn_cast<FunctionDecl>(P->getDeclContext());
  if (!FD)
    return false;
  if (!OwnerFirst) {
    OwnerFirst.emplace();
    computeContracts(Ctx, nullptr, nullptr, nullptr, &*OwnerFirst);
  }
  return OwnerFirst->contains(FD->getCanonicalDecl());
}

/// `o == Py_None` / `o != Py_None` where the engine has no answer (o is a
/// symbol, Py_None a global's address): the answer is the one symbol kept
/// for (o, Py_None), so later comparisons on the path agree with it. A
/// method's self is never a singleton.
void PyRefChecker::checkPostStmt(const BinaryOperator *BO,
                                 CheckerContext &C) const {
  if (BO->getOpcode() != BO_EQ && BO->getOpcode() != BO_NE)
    return;
  ProgramStateRef State = C.getState();
  const LocationContext *LC = C.getLocationContext();
  SVal L = State->getSVal(BO->getLHS(), LC), R = State->getSVal(BO->getRHS(), LC);
  if (answersFreshComparison(BO, L, R, C))
    return;
  if (!State->getSVal(BO, LC).isUnknown())
    return;
  const MemRegion *Static = staticObjectOf(R);
  SymbolRef Sym = L.getAsLocSymbol(/*IncludeBaseRegions=*/true);
  if (!Static) {
    Static = staticObjectOf(L);
    Sym = R.getAsLocSymbol(/*IncludeBaseRegions=*/true);
  }
  if (!Static || !Sym)
    return;
  SValBuilder &SVB = C.getSValBuilder();
  // An object the code owns that cannot be the singleton: the comparison
  // is false, and the object stays tracked on the one path that remains.
  const Expr *Side = staticObjectOf(R) ? BO->getLHS() : BO->getRHS();
  const RefState *RS = State->get<RefMap>(Sym);
  bool Owned = RS && RS->isOwned() && !RS->onBorrow();
  bool Eq = BO->getOpcode() == BO_EQ;
  const auto *SVR = dyn_cast<VarRegion>(Static);
  bool Singleton = SVR && isInterpreterSingleton(SVR->getDecl());
  if ((Owned && (Summaries.madeFresh(RS->origin()) ||
                 holdsDefault(Side, Static, LC->getDecl()))) ||
      (Singleton && isOwnerSelf(Sym, C.getASTContext()))) {
    C.addTransition(State->BindExpr(
        BO, LC, SVB.makeTruthVal(!Eq, BO->getType())));
    return;
  }
  const SymbolRef *Known = State->get<IsStaticObject>({Sym, Static});
  SymbolRef Answer =
      Known ? *Known
            : SVB.conjureSymbol(BO, LC, C.getASTContext().IntTy,
                                C.blockCount());
  if (!Known)
    State = State->set<IsStaticObject>({Sym, Static}, Answer);
  // == is "Answer != 0", != is "Answer == 0".
  SVal V = SVB.evalBinOp(
      State, Eq ? BO_NE : BO_EQ,
      nonloc::SymbolVal(Answer), SVB.makeIntVal(0, C.getASTContext().IntTy),
      BO->getType());
  // The result of a function of this file that returns the singleton bare
  // (`return Py_None;`, no reference taken) and was not inlined here: where
  // it is the singleton, the caller holds no reference to it
  // (_ssl.c's `obj = _get_crl_dp(cert); ... else if (obj != Py_None)`).
  const auto *Call = Owned ? dyn_cast_or_null<CallExpr>(RS->origin()) : nullptr;
  const auto *SR = dyn_cast<NonParamVarRegion>(Static);
  if (Call && SR &&
      Summaries.returnsStaticBare(Call->getDirectCallee(), SR->getDecl())) {
    if (auto D = V.getAs<DefinedOrUnknownSVal>()) {
      auto [IsTrue, IsFalse] = State->assume(*D);
      ProgramStateRef Same = Eq ? IsTrue : IsFalse;
      ProgramStateRef Other = Eq ? IsFalse : IsTrue;
      if (Same)
        C.addTransition(Same->remove<RefMap>(Sym)->BindExpr(
            BO, LC, SVB.makeTruthVal(Eq, BO->getType())));
      if (Other)
        C.addTransition(Other->BindExpr(
            BO, LC, SVB.makeTruthVal(!Eq, BO->getType())));
      return;
    }
  }
  C.addTransition(State->BindExpr(BO, LC, V));
}

ProgramStateRef PyRefChecker::evalAssume(ProgramStateRef State, SVal Cond,
                                         bool Assumption) const {
  // An object found to be a static one (`r == Py_NotImplemented`) is not
  // NULL: `if (r != Py_NotImplemented) return r; Py_DECREF(r);` releases a
  // non-NULL r (CPython's SLOT1BINFULL).
  ConstraintManager &CM = State->getConstraintManager();
  for (auto [Key, Answer] : State->get<IsStaticObject>()) {
    if (!CM.isNull(State, Answer).isConstrainedFalse())
      continue;
    ConditionTruthVal Null = CM.isNull(State, Key.first);
    if (Null.isConstrainedTrue())
      return nullptr;
    if (Null.isConstrainedFalse())
      continue;
    SValBuilder &SVB = State->getStateManager().getSValBuilder();
    State = State->assume(
        loc::MemRegionVal(
            SVB.getRegionManager().getSymbolicRegion(Key.first)),
        true);
    if (!State)
      return nullptr;
  }
  return State;
}

void PyRefChecker::checkLiveSymbols(ProgramStateRef State,
                                    SymbolReaper &SR) const {
  // The answers live as long as their entry (dropped with the object).
  for (auto [Key, Answer] : State->get<IsStaticObject>())
    SR.markLive(Answer);
}

/// A pointer turned into an integer (tagged pointers, as in _elementtree's
/// JOIN_SET, ids in a table, or guppy3's node sets, which keep an object as
/// the bit `(NyBit)obj / ALIGN` and take a reference for it) can no longer
/// be followed: the object is no longer judged, whether the code owned it
/// or was lent it (a parameter whose reference the set then takes).
void PyRefChecker::checkPostStmt(const CastExpr *CE, CheckerContext &C) const {
  if (CE->getCastKind() != CK_PointerToIntegral)
    return;
  ProgramStateRef State = C.getState();
  SymbolRef Sym = C.getSVal(CE->getSubExpr()).getAsLocSymbol();
  if (!Sym || State->contains<SelfManaged>(Sym) ||
      (!State->get<RefMap>(Sym) &&
       !isPyObjectPointerType(CE->getSubExpr()->getType())))
    return;
  C.addTransition(State->remove<RefMap>(Sym)->add<SelfManaged>(Sym));
}

void PyRefChecker::checkEndFunction(const ReturnStmt *RS,
                                    CheckerContext &C) const {
  if (!C.inTopFrame())
    return;
  ProgramStateRef State = C.getState();
  // References taken on statically allocated objects that nothing took over.
  if (enabled(checks::RefLeak)) {
    SmallVector<std::pair<const MemRegion *, int>, 2> Kept;
    for (auto [R, N] : State->get<StaticRefs>())
      if (N > 0 && State->get<StaticRefOrigin>(R) && judgesStatic(R, C))
        Kept.push_back({R, N});
    if (!Kept.empty()) {
      static CheckerProgramPointTag Tag("refcheck", "StaticRefLeak");
      if (ExplodedNode *N = C.generateNonFatalErrorNode(State, &Tag)) {
        for (auto [R, Count] : Kept) {
          Diags.reportStaticLeak(
              staticObjectName(cast<NonParamVarRegion>(R)->getDecl()),
              *State->get<StaticRefOrigin>(R), Count, N, C);
          State = State->remove<StaticRefs>(R)->remove<StaticRefOrigin>(R);
        }
        C.addTransition(State, N);
      }
    }
  }
  SmallVector<SymbolRef, 2> Owed;
  for (auto [Sym, Store] : State->get<OwedToField>())
    Owed.push_back(Sym);
  if (Owed.empty())
    return;
  if (ExplodedNode *N = C.generateNonFatalErrorNode(State)) {
    reportOwedFields(State, Owed, N, C);
    for (SymbolRef Sym : Owed)
      State = State->remove<OwedToField>(Sym);
    C.addTransition(State, N);
  }
}

void PyRefChecker::checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  SmallVector<std::pair<SymbolRef, RefState>, 2> Leaked;
  for (auto [Sym, RS] : State->get<RefMap>()) {
    if (!SR.isDead(Sym))
      continue;
    if (RS.isOwned() &&
        !State->getConstraintManager().isNull(State, Sym).isConstrainedTrue())
      Leaked.push_back({Sym, RS});
    State = State->remove<RefMap>(Sym);
  }
  for (auto [Sym, Stores] : State->get<StoredSyms>())
    if (SR.isDead(Sym))
      State = State->remove<StoredSyms>(Sym);
  for (SymbolRef Sym : State->get<SelfManaged>())
    if (SR.isDead(Sym))
      State = State->remove<SelfManaged>(Sym);
  for (auto [Key, Answer] : State->get<IsStaticObject>())
    if (SR.isDead(Key.first))
      State = State->remove<IsStaticObject>(Key);
  for (auto [Key, Answer] : State->get<TypeFlagAnswers>())
    if (SR.isDead(Key.Obj))
      State = State->remove<TypeFlagAnswers>(Key);
  SmallVector<SymbolRef, 2> Owed;
  for (auto [Sym, Store] : State->get<OwedToField>())
    if (SR.isDead(Sym))
      Owed.push_back(Sym);
  if (!enabled(checks::RefLeak))
    Leaked.clear();
  if (Leaked.empty() && Owed.empty()) {
    C.addTransition(State);
    return;
  }
  static CheckerProgramPointTag Tag("refcheck", "RefLeak");
  ExplodedNode *N = C.generateNonFatalErrorNode(C.getState(), &Tag);
  if (!N)
    return;
  for (auto &[Sym, RS] : Leaked)
    Diags.reportLeak(Sym, RS, N, C);
  reportOwedFields(C.getState(), Owed, N, C);
  for (SymbolRef Sym : Owed)
    State = State->remove<OwedToField>(Sym);
  C.addTransition(State, N);
}


//===----------------------------------------------------------------------===//
// Registration
//===----------------------------------------------------------------------===//

void refcheck::registerPyRefChecker(CheckerManager &Mgr) {
  registerWithConfig<PyRefChecker>(Mgr);
  Mgr.getChecker<PyRefChecker>()->Summaries.reset(activeCheckerConfig());
}
