//===- PyRefChecker.cpp - Ownership of CPython references -----------------===//
//
// A path-sensitive checker for the CPython C API's reference counting rules.
//
// Every PyObject* symbol the checker learns something about gets a RefState
// in the program state:
//   Owned(n)  the function owns n references and must release or transfer
//             them (new references from the API, Py_INCREF, Py_NewRef);
//   Borrowed  somebody else owns it (PyDict_GetItem, PyArg_Parse outputs);
//   Released  our last owned reference was given back with Py_DECREF;
//   Stolen    a stealing call took our last owned reference.
// Symbols whose pointer escapes into memory the analyzer does not track are
// forgotten: the reference now belongs to that memory.
//
// Refcount operations (Py_INCREF and friends) are modelled by name and never
// inlined. Calls the analyzer does not inline are modelled from the ApiModel,
// falling back on the C-API convention: a PyObject* result is a new
// reference, and arguments are borrowed.
//
//===----------------------------------------------------------------------===//
#include "refcheck/Checker.h"
#include "CApiHelpers.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporterVisitors.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallDescription.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace ento;
using namespace refcheck;

//===----------------------------------------------------------------------===//
// Program state
//===----------------------------------------------------------------------===//

namespace {
class RefState {
public:
  enum Kind : uint8_t { Owned, Borrowed, Released, Stolen };

private:
  Kind K;
  unsigned Count; ///< owned references, for Owned
  const Stmt *Origin; ///< where the reference came from
  const Stmt *Transfer; ///< the call that released or stole it
  /// For Stolen: the container that took the reference (the tuple of
  /// PyTuple_SET_ITEM, the module of PyModule_AddObject), if known. The
  /// object stays alive as long as it does.
  SymbolRef Holder;
  /// For Stolen: our reference to the holder was released since.
  bool HolderGone = false;
  /// For Owned: somebody else holds the object alive too (we took our
  /// reference with Py_INCREF on a borrowed object, or handed the object to
  /// a container that keeps its own), so releasing ours does not free it.
  bool OnBorrow = false;

  RefState(Kind K, unsigned Count, const Stmt *Origin, const Stmt *Transfer,
           SymbolRef Holder = nullptr, bool HolderGone = false,
           bool OnBorrow = false)
      : K(K), Count(Count), Origin(Origin), Transfer(Transfer),
        Holder(Holder), HolderGone(HolderGone), OnBorrow(OnBorrow) {}

public:
  static RefState owned(unsigned N, const Stmt *Origin) {
    return RefState(Owned, N, Origin, nullptr);
  }
  static RefState borrowed(const Stmt *Origin) {
    return RefState(Borrowed, 0, Origin, nullptr);
  }
  RefState released(const Stmt *By) const {
    return RefState(Released, 0, Origin, By);
  }
  RefState stolen(const Stmt *By, SymbolRef Into) const {
    return RefState(Stolen, 0, Origin, By, Into);
  }
  RefState holderReleased() const {
    return RefState(K, Count, Origin, Transfer, Holder, true);
  }
  RefState withCount(unsigned N) const {
    return RefState(Owned, N, Origin, nullptr, nullptr, false, OnBorrow);
  }
  /// One reference taken on a borrowed object.
  static RefState ownedOnBorrow(const Stmt *Origin) {
    return RefState(Owned, 1, Origin, nullptr, nullptr, false, true);
  }
  bool onBorrow() const { return OnBorrow; }
  /// Someone else (a list it was appended to) now holds it alive too.
  RefState heldElsewhere() const {
    return RefState(K, Count, Origin, Transfer, Holder, HolderGone, true);
  }

  Kind kind() const { return K; }
  bool isOwned() const { return K == Owned; }
  bool isBorrowed() const { return K == Borrowed; }
  bool isGone() const { return K == Released || K == Stolen; }
  unsigned count() const { return Count; }
  const Stmt *origin() const { return Origin; }
  const Stmt *transfer() const { return Transfer; }
  SymbolRef holder() const { return Holder; }
  bool holderGone() const { return HolderGone; }

  bool operator==(const RefState &O) const {
    return K == O.K && Count == O.Count && Origin == O.Origin &&
           Transfer == O.Transfer && Holder == O.Holder &&
           HolderGone == O.HolderGone && OnBorrow == O.OnBorrow;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(K);
    ID.AddInteger(Count);
    ID.AddPointer(Origin);
    ID.AddPointer(Transfer);
    ID.AddPointer(Holder);
    ID.AddBoolean(HolderGone);
    ID.AddBoolean(OnBorrow);
  }
};
} // namespace

REGISTER_MAP_WITH_PROGRAMSTATE(RefMap, SymbolRef, RefState)
/// Net references taken on statically allocated objects (Py_None, Py_True,
/// ...), which have no symbol: Py_RETURN_NONE must return one it took.
REGISTER_MAP_WITH_PROGRAMSTATE(StaticRefs, const MemRegion *, int)
/// Objects stored into untracked memory (a field, a global) while the checker
/// knew nothing about them: `self->x = obj; Py_INCREF(obj);` takes the
/// reference for that memory.
REGISTER_SET_WITH_PROGRAMSTATE(StoredSyms, SymbolRef)
/// Borrowed references stored into a field annotated REFCHECK_OWNS_REF, with
/// the store: a Py_INCREF must follow before the function returns.
REGISTER_MAP_WITH_PROGRAMSTATE(OwedToField, SymbolRef, const Stmt *)
/// Objects the checker no longer judges: their ob_refcnt is set by hand
/// (`op->ob_refcnt = 1` when resurrecting in tp_dealloc), or they were handed
/// to a function of this file that the analyzer did not inline.
REGISTER_SET_WITH_PROGRAMSTATE(SelfManaged, SymbolRef)

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



//===----------------------------------------------------------------------===//
// Helpers on types and calls
//===----------------------------------------------------------------------===//

/// True for PyObject* and pointers to structs that start with a PyObject
/// header (PyTupleObject*, PyTypeObject*, user objects with PyObject_HEAD).
static bool isPyObjectPointer(QualType T) { return isPyObjectPointerType(T); }

static StringRef calleeName(const CallEvent &Call) {
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl()))
    if (const IdentifierInfo *II = FD->getIdentifier())
      return userFacingName(II->getName());
  return "";
}

static StringRef calleeNameOf(const Stmt *S) {
  if (const auto *CE = dyn_cast_or_null<CallExpr>(S))
    if (const FunctionDecl *FD = CE->getDirectCallee())
      if (const IdentifierInfo *II = FD->getIdentifier())
        return userFacingName(II->getName());
  return "";
}

/// "F#k": the callee of Origin and its position among same-named calls in
/// the enclosing function body. This is what makes finding ids line-free.
static std::string originKey(const Stmt *Origin, const Decl *Enclosing) {
  StringRef Name = calleeNameOf(Origin);
  if (Name.empty())
    return ordinalKey(Origin ? Origin->getStmtClassName() : "expr", Origin,
                      Enclosing);
  struct Counter : RecursiveASTVisitor<Counter> {
    StringRef Name;
    const Stmt *Target;
    unsigned Seen = 0, Index = 0;
    bool VisitCallExpr(CallExpr *CE) {
      if (calleeNameOf(CE) == Name) {
        ++Seen;
        if (CE == Target)
          Index = Seen;
      }
      return true;
    }
  } C;
  C.Name = Name;
  C.Target = Origin;
  if (Enclosing && Enclosing->getBody())
    C.TraverseStmt(Enclosing->getBody());
  return (Name + "#" + Twine(C.Index ? C.Index : 1)).str();
}

namespace {
/// Refcount operations, matched by name and evaluated by the checker. The
/// object is always the last argument (_Py_DECREF takes file and line first
/// in debug builds of 3.8-3.11).
/// _Py_Dealloc (reached by Py_DECREF as a macro before 3.8) frees the object
/// whose count the code already brought to zero.
enum class RefOp { Incref, XIncref, Decref, XDecref, NewRef, XNewRef, Dealloc };
} // namespace

//===----------------------------------------------------------------------===//
// The checker
//===----------------------------------------------------------------------===//

namespace {
class PyRefChecker
    : public Checker<check::PreCall, check::PostCall, check::DeadSymbols,
                     check::PointerEscape, check::PreStmt<ReturnStmt>,
                     check::Location, check::Bind, check::EndFunction,
                     check::PreStmt<AtomicExpr>, check::PostStmt<CastExpr>,
                     eval::Call> {
  const CallDescriptionMap<RefOp> RefOps = {
      {{CDM::SimpleFunc, {"Py_INCREF"}}, RefOp::Incref},
      {{CDM::SimpleFunc, {"_Py_INCREF"}}, RefOp::Incref},
      {{CDM::SimpleFunc, {"Py_IncRef"}}, RefOp::Incref},
      {{CDM::SimpleFunc, {"Py_XINCREF"}}, RefOp::XIncref},
      {{CDM::SimpleFunc, {"_Py_XINCREF"}}, RefOp::XIncref},
      {{CDM::SimpleFunc, {"Py_DECREF"}}, RefOp::Decref},
      {{CDM::SimpleFunc, {"_Py_DECREF"}}, RefOp::Decref},
      {{CDM::SimpleFunc, {"Py_DecRef"}}, RefOp::XDecref},
      {{CDM::SimpleFunc, {"Py_XDECREF"}}, RefOp::XDecref},
      {{CDM::SimpleFunc, {"_Py_XDECREF"}}, RefOp::XDecref},
      {{CDM::SimpleFunc, {"Py_NewRef"}}, RefOp::NewRef},
      {{CDM::SimpleFunc, {"_Py_NewRef"}}, RefOp::NewRef},
      {{CDM::SimpleFunc, {"Py_XNewRef"}}, RefOp::XNewRef},
      {{CDM::SimpleFunc, {"_Py_XNewRef"}}, RefOp::XNewRef},
      {{CDM::SimpleFunc, {"_Py_Dealloc"}}, RefOp::Dealloc},
  };

  const BugType LeakBug{this, checks::RefLeak, "refcheck",
                        /*SuppressOnSink=*/true};
  const BugType OverReleaseBug{this, checks::OverRelease, "refcheck"};
  const BugType UseAfterReleaseBug{this, checks::UseAfterRelease, "refcheck"};
  const BugType BorrowedReturnBug{this, checks::BorrowedReturn, "refcheck"};
  const BugType StealOfBorrowedBug{this, checks::StealOfBorrowed, "refcheck"};

public:
  const CheckerConfig *Config = nullptr;

  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  bool evalCall(const CallEvent &Call, CheckerContext &C) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;
  ProgramStateRef checkPointerEscape(ProgramStateRef State,
                                     const InvalidatedSymbols &Escaped,
                                     const CallEvent *Call,
                                     PointerEscapeKind Kind) const;
  void checkPreStmt(const ReturnStmt *RS, CheckerContext &C) const;
  void checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                     CheckerContext &C) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;
  void checkPreStmt(const AtomicExpr *AE, CheckerContext &C) const;
  void checkPostStmt(const CastExpr *CE, CheckerContext &C) const;

private:
  ProgramStateRef bindRefcnt(const FieldRegion *FR, const Stmt *S,
                             ProgramStateRef State, CheckerContext &C,
                             bool &Reported) const;
  ProgramStateRef bindOwningField(const FieldRegion *FR, SVal Val,
                                  const Stmt *S, ProgramStateRef State,
                                  CheckerContext &C) const;
  void reportOwedFields(ProgramStateRef State, ArrayRef<SymbolRef> Syms,
                        ExplodedNode *N, CheckerContext &C) const;
  const FunctionSpec *specFor(const CallEvent &Call) const;
  bool enabled(const char *Check) const {
    return !Config || Config->isEnabled(Check);
  }

  /// The state of Sym, treating parameters of the analyzed function as
  /// borrowed when nothing else is known.
  std::optional<RefState> stateOf(ProgramStateRef State, SymbolRef Sym,
                                  const LocationContext *LC) const;
  bool ownedOnEntry(const ParmVarDecl *PVD) const;
  /// ownedOnEntry's answers, for the whole file: per function (canonical
  /// declaration), the parameters it owns.
  mutable llvm::DenseMap<const FunctionDecl *, SmallVector<unsigned, 2>>
      OwnedParams;
  mutable bool OwnedParamsKnown = false;
  bool returnsOnlyNull(const Decl *D) const;
  /// returnsOnlyNull's answers.
  mutable llvm::DenseMap<const FunctionDecl *, bool> NullOnly;

  ProgramStateRef applyRefOp(RefOp Op, SVal Obj, const Expr *CE,
                             ProgramStateRef State, CheckerContext &C,
                             bool &Reported) const;
  ProgramStateRef steal(ProgramStateRef State, SVal Arg, const Expr *CallE,
                        StringRef Callee, CheckerContext &C,
                        SymbolRef Holder = nullptr) const;
  /// Whether an object whose reference was stolen may be gone: only when
  /// the container that took it was released since.
  bool stolenObjectGone(ProgramStateRef State, const RefState &RS) const;
  ProgramStateRef markOutArgs(ProgramStateRef State, const CallEvent &Call,
                              ArrayRef<unsigned> Args, RefState::Kind K) const;

  void report(const BugType &BT, const Twine &Msg, SymbolRef Sym,
              ExplodedNode *N, CheckerContext &C) const;
  void reportLeak(SymbolRef Sym, const RefState &RS,
                  ExplodedNode *N, CheckerContext &C) const;
};

/// Path notes: where each reference came from and where it went.
class RefHistoryVisitor final : public BugReporterVisitor {
  SymbolRef Sym;
  const CallDescriptionMap<RefOp> &RefOps;

public:
  RefHistoryVisitor(SymbolRef Sym, const CallDescriptionMap<RefOp> &RefOps)
      : Sym(Sym), RefOps(RefOps) {}
  void Profile(llvm::FoldingSetNodeID &ID) const override {
    static int Tag = 0;
    ID.AddPointer(&Tag);
    ID.AddPointer(Sym);
  }
  PathDiagnosticPieceRef VisitNode(const ExplodedNode *N,
                                   BugReporterContext &BRC,
                                   PathSensitiveBugReport &BR) override;
};
} // namespace

const FunctionSpec *PyRefChecker::specFor(const CallEvent &Call) const {
  if (!Config || !Config->Model)
    return nullptr;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD || !FD->getIdentifier())
    return nullptr;
  StringRef Name = FD->getIdentifier()->getName();
  if (const FunctionSpec *S = Config->Model->lookup(Name))
    return S;
  return Config->Model->lookup(userFacingName(Name));
}

/// 0-based indices of the parameters FD is annotated to steal
/// (refcheck::steals_arg, or cpychecker_steals_reference_to_arg, 1-based).
static SmallVector<unsigned, 2> annotatedSteals(const FunctionDecl *FD) {
  SmallVector<unsigned, 2> Out;
  if (!FD)
    return Out;
  for (const auto *A : FD->specific_attrs<AnnotateAttr>()) {
    if (A->getAnnotation() != "refcheck::steals_arg" || A->args_size() != 1)
      continue;
    if (std::optional<llvm::APSInt> N =
            (*A->args_begin())->getIntegerConstantExpr(FD->getASTContext()))
      if (*N >= 1)
        Out.push_back(N->getZExtValue() - 1);
  }
  return Out;
}

static bool isTopFrameParam(SymbolRef Sym, const LocationContext *LC) {
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
    if (llvm::is_contained(annotatedSteals(FD), PVD->getFunctionScopeIndex()))
      return false;
  return VR->getStackFrame()->inTopFrame() &&
         isPyObjectPointer(VR->getValueType());
}

/// Argument Clinic: a `foo_impl` parameter that the generated wrapper fills
/// with a converter giving a new reference (`PyUnicode_FSConverter(arg,
/// &path)`, then `foo_impl(module, path)`) is owned by foo_impl, which must
/// release it. One pass over the file, on first use, finds every such
/// parameter: in each function, the variables a converter fills, then the
/// calls they are passed on to.
bool PyRefChecker::ownedOnEntry(const ParmVarDecl *PVD) const {
  const auto *FD = dyn_cast<FunctionDecl>(PVD->getDeclContext());
  if (!FD || !Config || !Config->Model)
    return false;
  if (!OwnedParamsKnown) {
    OwnedParamsKnown = true;
    struct Scan : RecursiveASTVisitor<Scan> {
      const ApiModel &Model;
      decltype(OwnedParams) &Out;
      llvm::SmallPtrSet<const VarDecl *, 4> Filled; ///< in the current body
      Scan(const ApiModel &M, decltype(OwnedParams) &Out)
          : Model(M), Out(Out) {}
      static const VarDecl *localVar(const Expr *E) {
        const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
        const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
        return V && V->hasLocalStorage() ? V : nullptr;
      }
      bool TraverseFunctionDecl(FunctionDecl *D) {
        if (!D->hasBody())
          return true;
        // The variables whose address a converter writes a new reference to.
        struct Conv : RecursiveASTVisitor<Conv> {
          const ApiModel &Model;
          llvm::SmallPtrSet<const VarDecl *, 4> &Filled;
          Conv(const ApiModel &M, llvm::SmallPtrSet<const VarDecl *, 4> &F)
              : Model(M), Filled(F) {}
          bool VisitCallExpr(CallExpr *CE) {
            const FunctionDecl *F = CE->getDirectCallee();
            const FunctionSpec *S =
                F && F->getIdentifier() ? Model.lookup(F->getName()) : nullptr;
            if (S)
              for (unsigned I : S->NewRefOutArgs)
                if (I < CE->getNumArgs())
                  if (const auto *UO = dyn_cast<UnaryOperator>(
                          CE->getArg(I)->IgnoreParenImpCasts());
                      UO && UO->getOpcode() == UO_AddrOf)
                    if (const VarDecl *V = localVar(UO->getSubExpr()))
                      Filled.insert(V);
            return true;
          }
        };
        Filled.clear();
        Conv(Model, Filled).TraverseStmt(D->getBody());
        if (Filled.empty())
          return true;
        return RecursiveASTVisitor::TraverseFunctionDecl(D);
      }
      bool VisitCallExpr(CallExpr *CE) {
        const FunctionDecl *Callee = CE->getDirectCallee();
        if (!Callee)
          return true;
        for (unsigned I = 0; I < CE->getNumArgs(); ++I)
          if (const VarDecl *V = localVar(CE->getArg(I)); V && Filled.count(V))
            Out[Callee->getCanonicalDecl()].push_back(I);
        return true;
      }
    } S(*Config->Model, OwnedParams);
    S.TraverseDecl(FD->getASTContext().getTranslationUnitDecl());
  }
  auto It = OwnedParams.find(FD->getCanonicalDecl());
  return It != OwnedParams.end() &&
         llvm::is_contained(It->second, PVD->getFunctionScopeIndex());
}

std::optional<RefState> PyRefChecker::stateOf(ProgramStateRef State,
                                              SymbolRef Sym,
                                              const LocationContext *LC) const {
  if (!Sym || State->contains<SelfManaged>(Sym))
    return std::nullopt;
  if (const RefState *RS = State->get<RefMap>(Sym))
    return *RS;
  if (isTopFrameParam(Sym, LC)) {
    const auto *VR = cast<VarRegion>(cast<SymbolRegionValue>(Sym)->getRegion());
    if (ownedOnEntry(cast<ParmVarDecl>(VR->getDecl())))
      return std::nullopt; // ours to release; not judged
    return RefState::borrowed(nullptr);
  }
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Refcount operations
//===----------------------------------------------------------------------===//

/// Stealing API functions that are inline in the headers (3.11+
/// PyTuple_SET_ITEM): evalCall models the steal at the call instead of
/// inlining the store, and checkPostCall must not take it a second time.
static bool isInlineStealer(const CallEvent &Call, const FunctionSpec *Spec) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  return Spec && !Spec->Steals.empty() && FD && FD->hasBody() &&
         Call.getOriginExpr();
}

/// The container a stealing call puts the object into: its first argument
/// (the tuple, list, module or exception), when that is an object.
static SymbolRef containerOf(const CallEvent &Call) {
  if (Call.getNumArgs() < 2 || !isPyObjectPointer(Call.getArgExpr(0)->getType()))
    return nullptr;
  return Call.getArgSVal(0).getAsLocSymbol();
}

bool PyRefChecker::evalCall(const CallEvent &Call, CheckerContext &C) const {
  const RefOp *Op = RefOps.lookup(Call);
  if (!Op) {
    const FunctionSpec *Spec = specFor(Call);
    const Expr *CE = Call.getOriginExpr();
    if (!isInlineStealer(Call, Spec))
      return false;
    ProgramStateRef State = C.getState();
    for (auto [Idx, Kind] : Spec->Steals)
      if (Kind == StealKind::Always && Idx < Call.getNumArgs())
        State = steal(State, Call.getArgSVal(Idx), CE, calleeName(Call), C,
                      containerOf(Call));
    if (!Call.getResultType()->isVoidType())
      State = State->BindExpr(
          CE, C.getLocationContext(),
          C.getSValBuilder().conjureSymbolVal(nullptr, CE,
                                              C.getLocationContext(),
                                              Call.getResultType(),
                                              C.blockCount()));
    C.addTransition(State);
    return true;
  }
  if (Call.getNumArgs() == 0)
    return false;
  const Expr *CE = Call.getOriginExpr();
  if (!CE)
    return false;
  ProgramStateRef State = C.getState();
  const LocationContext *LC = C.getLocationContext();
  SVal Obj = Call.getArgSVal(Call.getNumArgs() - 1);
  if (*Op == RefOp::Dealloc) {
    // The decrement before it did the accounting; the object is gone.
    C.addTransition(State);
    return true;
  }
  bool Returns = *Op == RefOp::NewRef || *Op == RefOp::XNewRef;
  if (Returns)
    State = State->BindExpr(CE, LC, Obj);

  bool MaybeNull = *Op == RefOp::XIncref || *Op == RefOp::XDecref ||
                   *Op == RefOp::XNewRef;
  if (MaybeNull) {
    if (auto DV = Obj.getAs<DefinedOrUnknownSVal>()) {
      auto [NonNull, Null] = State->assume(*DV);
      if (Null)
        C.addTransition(Null);
      if (!NonNull)
        return true;
      State = NonNull;
    }
  }
  bool Reported = false;
  State = applyRefOp(*Op, Obj, CE, State, C, Reported);
  if (State && !Reported)
    C.addTransition(State);
  return true;
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
    const MemRegion *R = Obj.getAsRegion();
    if (R && isa<NonParamVarRegion>(R->StripCasts())) {
      R = R->StripCasts();
      const int *N = State->get<StaticRefs>(R);
      int V = (N ? *N : 0) + (Inc ? 1 : -1);
      return V ? State->set<StaticRefs>(R, V) : State->remove<StaticRefs>(R);
    }
    return State;
  }
  if (State->contains<SelfManaged>(Sym))
    return State;
  std::optional<RefState> RS = stateOf(State, Sym, C.getLocationContext());
  if (Inc && State->get<OwedToField>(Sym)) {
    // The reference an owning field was waiting for.
    State = State->remove<OwedToField>(Sym);
    if (!RS || RS->isBorrowed())
      return RS ? State->remove<RefMap>(Sym) : State;
  }
  if (Inc) {
    // `self->x = obj; Py_INCREF(obj);`: the reference taken now belongs to
    // the memory the object was already stored into.
    if ((!RS || RS->isBorrowed()) && State->contains<StoredSyms>(Sym))
      return RS ? State->remove<RefMap>(Sym) : State;
    if (!RS || RS->isBorrowed())
      return State->set<RefMap>(Sym, RefState::ownedOnBorrow(CE));
    if (RS->isOwned())
      return State->set<RefMap>(Sym, RS->withCount(RS->count() + 1));
    // A stolen object lives on in its container: a new reference to it is
    // fine while the container does.
    if (RS->kind() == RefState::Stolen && !stolenObjectGone(State, *RS))
      return State->set<RefMap>(Sym, RefState::ownedOnBorrow(CE));
    // Incrementing an object we no longer hold a reference to.
    if (enabled(checks::UseAfterRelease))
      if (ExplodedNode *N = C.generateNonFatalErrorNode(State)) {
        report(UseAfterReleaseBug,
               Twine("Object used after its reference was ") +
                   (RS->kind() == RefState::Released
                        ? "released"
                        : "stolen and its container released"),
               Sym, N, C);
        Reported = true;
      }
    return State->remove<RefMap>(Sym);
  }
  // Decrement.
  if (!RS)
    return State; // unknown provenance (a struct field, a global): trust it
  if (RS->isOwned()) {
    if (RS->count() > 1)
      return State->set<RefMap>(Sym, RS->withCount(RS->count() - 1));
    // What this container stole may go with it.
    for (auto [Other, ORS] : State->get<RefMap>())
      if (ORS.kind() == RefState::Stolen && ORS.holder() == Sym)
        State = State->set<RefMap>(Other, ORS.holderReleased());
    // Back to what it was: borrowed, alive thanks to the lender.
    if (RS->onBorrow())
      return State->remove<RefMap>(Sym);
    return State->set<RefMap>(Sym, RS->released(CE));
  }
  if (enabled(checks::OverRelease)) {
    if (ExplodedNode *N = C.generateNonFatalErrorNode(State)) {
      std::string Msg;
      if (RS->kind() == RefState::Released)
        Msg = "Reference released twice: the object may already be freed";
      else if (RS->kind() == RefState::Stolen)
        Msg = "Reference released after it was stolen by '" +
              calleeNameOf(RS->transfer()).str() + "'";
      else if (StringRef From = calleeNameOf(RS->origin()); !From.empty())
        Msg = "Borrowed reference from '" + From.str() +
              "' is released; the code does not own it";
      else
        Msg = "Borrowed reference (a parameter) is released; the code does "
              "not own it";
      report(OverReleaseBug, Msg, Sym, N, C);
      Reported = true;
    }
  }
  return State->remove<RefMap>(Sym);
}

//===----------------------------------------------------------------------===//
// Calls the analyzer evaluates itself
//===----------------------------------------------------------------------===//

void PyRefChecker::checkPreCall(const CallEvent &Call,
                                CheckerContext &C) const {
  if (RefOps.lookup(Call) || !enabled(checks::UseAfterRelease))
    return;
  ProgramStateRef State = C.getState();
  for (unsigned I = 0, E = Call.getNumArgs(); I != E; ++I) {
    SymbolRef Sym = Call.getArgSVal(I).getAsLocSymbol();
    if (!Sym)
      continue;
    const RefState *RS = State->get<RefMap>(Sym);
    if (!RS || !RS->isGone())
      continue;
    // Passing on an object whose reference a container took is fine while
    // the container lives.
    if (RS->kind() == RefState::Stolen && !stolenObjectGone(State, *RS))
      continue;
    if (ExplodedNode *N = C.generateNonFatalErrorNode(State)) {
      report(UseAfterReleaseBug,
             Twine("Object passed to '") + calleeName(Call) + "' after its " +
                 (RS->kind() == RefState::Released
                      ? "reference was released"
                      : "reference was stolen and its container released"),
             Sym, N, C);
      C.addTransition(State->remove<RefMap>(Sym), N);
    }
    return;
  }
}

bool PyRefChecker::stolenObjectGone(ProgramStateRef State,
                                    const RefState &RS) const {
  return RS.kind() == RefState::Stolen && RS.holderGone();
}

ProgramStateRef PyRefChecker::steal(ProgramStateRef State, SVal Arg,
                                    const Expr *CallE, StringRef Callee,
                                    CheckerContext &C,
                                    SymbolRef Holder) const {
  SymbolRef Sym = Arg.getAsLocSymbol();
  if (!Sym)
    return State;
  std::optional<RefState> RS = stateOf(State, Sym, C.getLocationContext());
  if (!RS)
    return State;
  if (RS->isOwned()) {
    if (RS->count() > 1)
      return State->set<RefMap>(Sym, RS->withCount(RS->count() - 1));
    return State->set<RefMap>(
        Sym, RS->stolen(CallE, Holder != Sym ? Holder : nullptr));
  }
  if (RS->isBorrowed() && enabled(checks::StealOfBorrowed)) {
    if (ExplodedNode *N = C.generateNonFatalErrorNode(State)) {
      StringRef From = calleeNameOf(RS->origin());
      report(StealOfBorrowedBug,
             "'" + Callee + "' steals a reference, but this one is borrowed" +
                 (From.empty() ? Twine(" (a parameter)")
                               : " (from '" + From + "')") +
                 "; add Py_INCREF first",
             Sym, N, C);
    }
  }
  return State->remove<RefMap>(Sym);
}

ProgramStateRef PyRefChecker::markOutArgs(ProgramStateRef State,
                                          const CallEvent &Call,
                                          ArrayRef<unsigned> Args,
                                          RefState::Kind K) const {
  for (unsigned I : Args) {
    if (I >= Call.getNumArgs())
      continue;
    auto L = Call.getArgSVal(I).getAs<Loc>();
    if (!L)
      continue;
    SymbolRef Sym = State->getSVal(*L).getAsLocSymbol();
    if (!Sym)
      continue;
    State = State->set<RefMap>(
        Sym, K == RefState::Owned ? RefState::owned(1, Call.getOriginExpr())
                                  : RefState::borrowed(Call.getOriginExpr()));
  }
  return State;
}

/// A function of this file every return of which is a null pointer, like
/// CPython's error helpers (`return set_error(...)` in _hashopenssl.c).
/// Variadic ones are never inlined, so this is read from the body.
bool PyRefChecker::returnsOnlyNull(const Decl *D) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
  if (!FD || !FD->hasBody())
    return false;
  auto [Known, New] = NullOnly.try_emplace(FD);
  if (!New)
    return Known->second;
  struct Finder : RecursiveASTVisitor<Finder> {
    ASTContext &Ctx;
    unsigned Returns = 0, NullReturns = 0;
    explicit Finder(ASTContext &Ctx) : Ctx(Ctx) {}
    bool VisitReturnStmt(ReturnStmt *RS) {
      ++Returns;
      if (const Expr *E = RS->getRetValue())
        if (E->IgnoreParenCasts()->isNullPointerConstant(
                Ctx, Expr::NPC_ValueDependentIsNotNull))
          ++NullReturns;
      return true;
    }
  } F(FD->getASTContext());
  F.TraverseStmt(FD->getBody());
  return Known->second = F.Returns > 0 && F.Returns == F.NullReturns;
}

/// Type slots called through a function pointer that take over their
/// argument: `Py_TYPE(op)->tp_dealloc(op)`, `tp->tp_free(op)`.
static bool isConsumingSlotCall(const Expr *CE) {
  const auto *Call = dyn_cast_or_null<CallExpr>(CE);
  if (!Call || Call->getDirectCallee() || Call->getNumArgs() == 0)
    return false;
  const auto *ME = dyn_cast<MemberExpr>(Call->getCallee()->IgnoreParenImpCasts());
  if (!ME)
    return false;
  StringRef Slot = ME->getMemberDecl()->getName();
  return Slot == "tp_dealloc" || Slot == "tp_free";
}

void PyRefChecker::checkPostCall(const CallEvent &Call,
                                 CheckerContext &C) const {
  if (C.wasInlined || RefOps.lookup(Call))
    return;
  const Expr *CE = Call.getOriginExpr();
  if (!CE)
    return;
  ProgramStateRef State = C.getState();
  if (isConsumingSlotCall(CE))
    if (SymbolRef Sym = Call.getArgSVal(0).getAsLocSymbol())
      State = State->remove<RefMap>(Sym);
  for (unsigned Idx :
       annotatedSteals(dyn_cast_or_null<FunctionDecl>(Call.getDecl())))
    if (Idx < Call.getNumArgs())
      State = steal(State, Call.getArgSVal(Idx), CE,
                    calleeName(Call), C);
  const FunctionSpec *Spec = specFor(Call);
  StringRef Callee = calleeName(Call);

  // Steals. A conditional steal (PyModule_AddObject) splits the path on the
  // call's result: stolen on 0, still ours on failure.
  ProgramStateRef OnFailure = nullptr;
  SVal Ret = Call.getReturnValue();
  bool StealsDone = isInlineStealer(Call, Spec);
  if (Spec) {
    for (auto [Idx, Kind] : Spec->Steals) {
      if (Idx >= Call.getNumArgs())
        continue;
      if (Kind == StealKind::Always) {
        if (StealsDone)
          continue;
        State = steal(State, Call.getArgSVal(Idx), CE, Callee, C,
                      containerOf(Call));
        continue;
      }
      auto DRet = Ret.getAs<DefinedOrUnknownSVal>();
      if (!DRet)
        continue;
      SValBuilder &SVB = C.getSValBuilder();
      auto Zero = SVB.makeZeroVal(Call.getResultType());
      auto IsZero = SVB.evalEQ(State, *DRet, Zero.castAs<DefinedOrUnknownSVal>());
      auto MinusOne = SVB.makeIntVal(-1, Call.getResultType());
      auto IsMinusOne =
          SVB.evalEQ(State, *DRet, MinusOne.castAs<DefinedOrUnknownSVal>());
      // Success is 0 and failure -1: no other result is possible.
      ProgramStateRef Succ = State->assume(IsZero, true);
      ProgramStateRef Fail = State->assume(IsMinusOne, true);
      if (Fail)
        OnFailure = Fail;
      if (!Succ) {
        State = nullptr;
        break;
      }
      State = steal(Succ, Call.getArgSVal(Idx), CE, Callee, C,
                    containerOf(Call));
    }
    if (State) {
      // Varargs described by a format string.
      if (Spec->Format != FormatStyle::None &&
          Spec->FormatArg < Call.getNumArgs()) {
        const auto *SL = dyn_cast<StringLiteral>(
            Call.getArgExpr(Spec->FormatArg)->IgnoreParenImpCasts());
        bool Ok = false;
        std::vector<FormatItem> Items;
        if (SL && SL->getCharByteWidth() == 1)
          Items = parseFormat(SL->getString(), Spec->Format, Ok);
        // Varargs start after the fixed parameters (after the keyword list
        // for PyArg_ParseTupleAndKeywords).
        unsigned Arg = Spec->FormatArg + 1;
        if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
            FD && FD->isVariadic())
          Arg = std::max(Arg, FD->getNumParams());
        SmallVector<unsigned, 4> BorrowedOuts;
        if (!Ok && Spec->Format == FormatStyle::BuildValue) {
          // A format we cannot read ('N' may steal any argument): forget
          // the objects passed rather than guess.
          for (unsigned I = Arg; I < Call.getNumArgs(); ++I)
            if (SymbolRef Sym = Call.getArgSVal(I).getAsLocSymbol())
              State = State->remove<RefMap>(Sym);
        }
        for (const FormatItem &It : Items) {
          unsigned ObjArg = Arg + It.ObjectArg;
          Arg += It.NumArgs;
          if (ObjArg >= Call.getNumArgs())
            break;
          if (It.IsObject && It.Steals)
            State = steal(State, Call.getArgSVal(ObjArg), CE, Callee, C,
                          Ret.getAsLocSymbol());
          else if (It.IsObject && Spec->Format == FormatStyle::ParseArgs)
            BorrowedOuts.push_back(ObjArg);
        }
        if (Spec->Format == FormatStyle::Unpack)
          for (unsigned I = Spec->FormatArg + 3; I < Call.getNumArgs(); ++I)
            BorrowedOuts.push_back(I);
        State = markOutArgs(State, Call, BorrowedOuts, RefState::Borrowed);
      }
      State = markOutArgs(State, Call, Spec->InOutArgs, RefState::Owned);
      // Objects a container now also holds outlive our reference.
      for (unsigned I : Spec->Keeps)
        if (I < Call.getNumArgs())
          if (SymbolRef Sym = Call.getArgSVal(I).getAsLocSymbol())
            if (const RefState *RS = State->get<RefMap>(Sym);
                RS && RS->isOwned() && !RS->onBorrow())
              State = State->set<RefMap>(Sym, RS->heldElsewhere());
    }
  }

  if (State) {
    // New references through out-parameters: set iff the call returned > 0
    // (PyDict_GetItemRef) or, for void functions (PyErr_Fetch), when non-NULL.
    if (Spec && !Spec->NewRefOutArgs.empty()) {
      auto DRet = Ret.getAs<NonLoc>();
      if (DRet && Call.getResultType()->isIntegerType()) {
        SValBuilder &SVB = C.getSValBuilder();
        NonLoc Zero = SVB.makeIntVal(0, Call.getResultType()).castAs<NonLoc>();
        auto Positive =
            SVB.evalBinOpNN(State, BO_GT, *DRet, Zero, SVB.getConditionType())
                .template getAs<DefinedOrUnknownSVal>();
        if (Positive) {
          auto [Found, NotFound] = State->assume(*Positive);
          if (NotFound) {
            // The out-parameter holds NULL.
            for (unsigned I : Spec->NewRefOutArgs)
              if (I < Call.getNumArgs())
                if (auto L = Call.getArgSVal(I).getAs<Loc>())
                  if (auto V = NotFound->getSVal(*L)
                                   .template getAs<DefinedOrUnknownSVal>())
                    if (auto S = NotFound->assume(*V, false))
                      NotFound = S;
            C.addTransition(NotFound);
          }
          State = Found;
        }
      }
      if (State)
        State = markOutArgs(State, Call, Spec->NewRefOutArgs, RefState::Owned);
    }
  }

  // The result.
  if (State && isPyObjectPointer(Call.getResultType())) {
    ReturnKind RK = Spec ? Spec->Return : ReturnKind::NewRef;
    if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl()))
      for (const auto *A : FD->specific_attrs<AnnotateAttr>()) {
        if (A->getAnnotation() == "refcheck::returns_borrowed")
          RK = ReturnKind::Borrowed;
        else if (A->getAnnotation() == "refcheck::returns_new")
          RK = ReturnKind::NewRef;
      }
    if (RK == ReturnKind::NotAnObject && !Spec)
      RK = ReturnKind::NewRef;
    if (RK == ReturnKind::NewRef && !Spec && returnsOnlyNull(Call.getDecl()))
      RK = ReturnKind::AlwaysNull;
    if (SymbolRef Sym = Ret.getAsLocSymbol()) {
      if (RK == ReturnKind::NewRef && !State->get<RefMap>(Sym)) {
        State = State->set<RefMap>(Sym, RefState::owned(1, CE));
        if (Spec && !Spec->CanFail)
          if (auto NN = State->assume(Ret.castAs<DefinedOrUnknownSVal>(), true))
            State = NN;
      } else if (RK == ReturnKind::Borrowed && !State->get<RefMap>(Sym)) {
        State = State->set<RefMap>(Sym, RefState::borrowed(CE));
      } else if (RK == ReturnKind::AlwaysNull) {
        if (auto N = State->assume(Ret.castAs<DefinedOrUnknownSVal>(), false))
          State = N;
      }
    }
  }

  if (State)
    C.addTransition(State);
  if (OnFailure) {
    std::string Name = Callee.str();
    C.addTransition(OnFailure, C.getNoteTag([Name]() {
      return "Assuming '" + Name + "' fails; it does not take the reference";
    }));
  }
}

//===----------------------------------------------------------------------===//
// Escapes, returns and deaths
//===----------------------------------------------------------------------===//

ProgramStateRef
PyRefChecker::checkPointerEscape(ProgramStateRef State,
                                 const InvalidatedSymbols &Escaped,
                                 const CallEvent *Call,
                                 PointerEscapeKind Kind) const {
  // The engine lets a pointer escape when it is compared with the address
  // of a global (`o == Py_None`). Nothing takes the reference there, so
  // objects that existed before the function (parameters, and what it took
  // references on) stay tracked. A new object is forgotten instead: the
  // analyzer would otherwise follow paths where a freshly made object *is*
  // Py_None or Py_NotImplemented.
  if (Kind == PSK_EscapeOther) {
    for (SymbolRef Sym : Escaped)
      if (const RefState *RS = State->get<RefMap>(Sym);
          RS && RS->isOwned() && !RS->onBorrow())
        State = State->remove<RefMap>(Sym);
    return State;
  }
  auto Forget = [&](SymbolRef Sym) {
    if (!State->get<RefMap>(Sym))
      return;
    State = State->remove<RefMap>(Sym);
    // A parameter we took references on and then stored: its count is the
    // memory's business now, not "borrowed from the caller" again.
    if (isTopFrameParam(Sym, nullptr))
      State = State->add<SelfManaged>(Sym);
  };
  if (Kind == PSK_DirectEscapeOnCall && Call) {
    // C-API convention: a callee borrows its PyObject* arguments. Only an
    // argument handed over as something else (void*, an integer) escapes.
    const auto *FD = dyn_cast_or_null<FunctionDecl>(Call->getDecl());
    // A function of this file the analyzer did not inline (its budget ran
    // out, or it is variadic) may keep what it is given: the function is
    // checked on its own, and here its arguments are no longer ours to
    // judge.
    if (FD && FD->hasBody() && !specFor(*Call) &&
        FD->getASTContext().getSourceManager().isInMainFile(
            FD->getLocation())) {
      for (unsigned I = 0, E = Call->getNumArgs(); I != E; ++I)
        if (SymbolRef Sym = Call->getArgSVal(I).getAsLocSymbol();
            Sym && Escaped.count(Sym)) {
          Forget(Sym);
          State = State->add<SelfManaged>(Sym);
        }
      return State;
    }
    for (unsigned I = 0, E = Call->getNumArgs(); I != E; ++I) {
      SymbolRef Sym = Call->getArgSVal(I).getAsLocSymbol();
      if (!Sym || !Escaped.count(Sym))
        continue;
      bool Borrows = true;
      if (FD && I < FD->getNumParams())
        Borrows = isPyObjectPointer(FD->getParamDecl(I)->getType());
      else if (!FD)
        Borrows = isPyObjectPointer(Call->getArgExpr(I)->getType());
      if (!Borrows)
        Forget(Sym);
    }
    return State;
  }
  // Stored into untracked memory, reachable through a pointer handed to a
  // callee, or written to an out-parameter: no longer ours to release.
  for (SymbolRef Sym : Escaped) {
    if (const RefState *RS = State->get<RefMap>(Sym);
        Kind == PSK_EscapeOnBind && (!RS || RS->isBorrowed()))
      State = State->add<StoredSyms>(Sym);
    Forget(Sym);
  }
  return State;
}

/// Py_RETURN_NONE and friends: on Python 3.12+ they return the immortal
/// object without Py_INCREF, which is correct there.
static bool isReturnMacro(const ReturnStmt *RS, CheckerContext &C) {
  SourceLocation L = RS->getBeginLoc();
  if (!L.isMacroID())
    return false;
  StringRef Name = Lexer::getImmediateMacroName(L, C.getSourceManager(),
                                                C.getLangOpts());
  return Name == "Py_RETURN_NONE" || Name == "Py_RETURN_TRUE" ||
         Name == "Py_RETURN_FALSE" || Name == "Py_RETURN_NOTIMPLEMENTED";
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
  bool OwesNewRef = FD && isPyObjectPointer(FD->getReturnType());
  if (FD)
    for (const auto *A : FD->specific_attrs<AnnotateAttr>())
      if (A->getAnnotation() == "refcheck::returns_borrowed")
        OwesNewRef = false;

  SymbolRef Sym = V.getAsLocSymbol();
  if (!Sym) {
    const MemRegion *R = V.getAsRegion();
    if (!OwesNewRef || !R || !isa<NonParamVarRegion>(R->StripCasts()))
      return;
    R = R->StripCasts();
    const int *N = State->get<StaticRefs>(R);
    if (N && *N > 0) {
      C.addTransition(*N == 1 ? State->remove<StaticRefs>(R)
                              : State->set<StaticRefs>(R, *N - 1));
      return;
    }
    if (!enabled(checks::BorrowedReturn) || isReturnMacro(RS, C))
      return;
    if (ExplodedNode *EN = C.generateNonFatalErrorNode(State)) {
      std::string Name = "object";
      if (const auto *VR = dyn_cast<VarRegion>(R))
        Name = "'" + VR->getDecl()->getNameAsString() + "'";
      auto BR = std::make_unique<PathSensitiveBugReport>(
          BorrowedReturnBug, "origin=static:" + Name,
          "Returning " + Name +
              " without taking a reference; use Py_NewRef() or "
              "Py_RETURN_NONE-style macros",
          EN);
      BR->addRange(RetE->getSourceRange());
      C.emitReport(std::move(BR));
    }
    return;
  }
  std::optional<RefState> St = stateOf(State, Sym, C.getLocationContext());
  if (!St)
    return;
  if (St->isOwned()) {
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
      StringRef From = calleeNameOf(St->origin());
      report(BorrowedReturnBug,
             "Returning a borrowed reference" +
                 (From.empty() ? Twine(" (a parameter)")
                               : " from '" + From + "'") +
                 " where a new reference is owed; add Py_NewRef()",
             Sym, N, C);
      C.addTransition(State->remove<RefMap>(Sym), N);
    }
    return;
  }
  if (St->isGone() && enabled(checks::UseAfterRelease)) {
    if (ExplodedNode *N = C.generateNonFatalErrorNode(State)) {
      report(UseAfterReleaseBug,
             Twine("Returning an object whose reference was ") +
                 (St->kind() == RefState::Released ? "released" : "stolen"),
             Sym, N, C);
      C.addTransition(State->remove<RefMap>(Sym), N);
    }
  }
}

static bool isRefcntField(const FieldRegion *FR) {
  return FR && FR->getDecl()->getName() == "ob_refcnt";
}

void PyRefChecker::checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                                 CheckerContext &C) const {
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
  if (!RS || RS->kind() != RefState::Released)
    return;
  if (ExplodedNode *N = C.generateNonFatalErrorNode(State)) {
    report(UseAfterReleaseBug,
           "Object dereferenced after its last reference was released", Sym,
           N, C);
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

/// How a statement takes or drops a reference by hand, for messages:
/// "Py_INCREF" for a refcount call, "ob_refcnt++" for the pre-3.8 macros.
static std::string refOpSpelling(const Stmt *S,
                                 const CallDescriptionMap<RefOp> &RefOps) {
  if (const auto *CE = dyn_cast_or_null<CallExpr>(S))
    return RefOps.lookupAsWritten(*CE) ? calleeNameOf(CE).str() : "";
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(S))
    if (UO->isIncrementDecrementOp())
      return UO->isIncrementOp() ? "ob_refcnt++" : "ob_refcnt--";
  return "";
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
  return State->remove<StaticRefs>(Obj);
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
  std::optional<RefState> RS = stateOf(State, Sym, C.getLocationContext());
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

void PyRefChecker::checkBind(SVal Loc, SVal Val, const Stmt *S,
                             CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (const auto *FR = dyn_cast_or_null<FieldRegion>(Loc.getAsRegion())) {
    ProgramStateRef After = State;
    bool Reported = false;
    if (isRefcntField(FR))
      After = bindRefcnt(FR, S, State, C, Reported);
    else if (ownsReference(FR->getDecl()))
      After = bindOwningField(FR, Val, S, State, C);
    if (!After || After == State || Reported)
      return;
    SymbolRef Sym = Val.getAsLocSymbol();
    if (Sym && After->get<OwedToField>(Sym) && !State->get<OwedToField>(Sym)) {
      std::string Field = FR->getDecl()->getNameAsString();
      C.addTransition(After, C.getNoteTag([Field](PathSensitiveBugReport &BR) {
        return "Borrowed reference stored into owning field '" + Field +
               "'; it needs a Py_INCREF";
      }));
      return;
    }
    C.addTransition(After);
    return;
  }
  std::optional<std::string> Macro = setItemMacroFor(Loc);
  if (!Macro)
    return;
  const MemRegion *Tuple = Loc.getAsRegion()->getBaseRegion();
  SymbolRef Holder = nullptr;
  if (const auto *SR = dyn_cast<SymbolicRegion>(Tuple))
    Holder = SR->getSymbol();
  ProgramStateRef After =
      steal(State, Val, dyn_cast<Expr>(S), *Macro, C, Holder);
  if (After != State)
    C.addTransition(After);
}

void PyRefChecker::reportOwedFields(ProgramStateRef State,
                                    ArrayRef<SymbolRef> Syms, ExplodedNode *N,
                                    CheckerContext &C) const {
  if (!enabled(checks::StealOfBorrowed))
    return;
  for (SymbolRef Sym : Syms) {
    const Stmt *Store = *State->get<OwedToField>(Sym);
    std::string Field = "an owning field";
    if (const auto *BO = dyn_cast<BinaryOperator>(Store))
      if (const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts()))
        Field = "owning field '" + ME->getMemberDecl()->getNameAsString() + "'";
    report(StealOfBorrowedBug,
           "No Py_INCREF for the borrowed reference stored into " + Field +
               "; the field will release a reference it never got",
           Sym, N, C);
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

/// A pointer turned into an integer (tagged pointers, as in _elementtree's
/// JOIN_SET, or ids in a table) can no longer be followed: the object is no
/// longer judged.
void PyRefChecker::checkPostStmt(const CastExpr *CE, CheckerContext &C) const {
  if (CE->getCastKind() != CK_PointerToIntegral)
    return;
  ProgramStateRef State = C.getState();
  SymbolRef Sym = C.getSVal(CE->getSubExpr()).getAsLocSymbol();
  if (!Sym || !State->get<RefMap>(Sym))
    return;
  C.addTransition(State->remove<RefMap>(Sym)->add<SelfManaged>(Sym));
}

void PyRefChecker::checkEndFunction(const ReturnStmt *RS,
                                    CheckerContext &C) const {
  if (!C.inTopFrame())
    return;
  ProgramStateRef State = C.getState();
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
  for (SymbolRef Sym : State->get<StoredSyms>())
    if (SR.isDead(Sym))
      State = State->remove<StoredSyms>(Sym);
  for (SymbolRef Sym : State->get<SelfManaged>())
    if (SR.isDead(Sym))
      State = State->remove<SelfManaged>(Sym);
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
    reportLeak(Sym, RS, N, C);
  reportOwedFields(C.getState(), Owed, N, C);
  for (SymbolRef Sym : Owed)
    State = State->remove<OwedToField>(Sym);
  C.addTransition(State, N);
}

//===----------------------------------------------------------------------===//
// Reports
//===----------------------------------------------------------------------===//

/// The first node on the path where Sym got its current RefState.
static const ExplodedNode *findOriginNode(const ExplodedNode *N,
                                          SymbolRef Sym) {
  const ExplodedNode *Origin = N;
  while (N) {
    if (!N->getState()->get<RefMap>(Sym))
      break;
    Origin = N;
    N = N->getFirstPred();
  }
  return Origin;
}

/// A local variable of N's function that held Sym last, for messages.
static std::string holderName(const ExplodedNode *N, SymbolRef Sym) {
  const StackFrameContext *Frame = N ? N->getStackFrame() : nullptr;
  // A parameter's initial value is not an explicit binding.
  if (const auto *SRV = dyn_cast<SymbolRegionValue>(Sym))
    if (const auto *VR = dyn_cast<VarRegion>(SRV->getRegion()))
      if (VR->getStackFrame() == Frame)
        return VR->getDecl()->getNameAsString();
  for (int Steps = 0; N && Steps < 256; ++Steps, N = N->getFirstPred()) {
    struct Finder : StoreManager::BindingsHandler {
      SymbolRef Sym;
      const StackFrameContext *Frame;
      const VarRegion *Found = nullptr;
      bool HandleBinding(StoreManager &, Store, const MemRegion *R,
                         SVal V) override {
        if (V.getAsLocSymbol() == Sym)
          if (const auto *VR = dyn_cast<VarRegion>(R))
            if (VR->getStackFrame() == Frame) {
              Found = VR;
              return false;
            }
        return true;
      }
    } F;
    F.Sym = Sym;
    F.Frame = Frame;
    ProgramStateRef St = N->getState();
    St->getStateManager().getStoreManager().iterBindings(St->getStore(), F);
    if (F.Found)
      return F.Found->getDecl()->getNameAsString();
  }
  return "";
}

void PyRefChecker::report(const BugType &BT, const Twine &Msg, SymbolRef Sym,
                          ExplodedNode *N, CheckerContext &C) const {
  const ExplodedNode *ON = findOriginNode(N, Sym);
  const RefState *RS = ON->getState()->get<RefMap>(Sym);
  const Stmt *Origin = RS ? RS->origin() : nullptr;
  std::string Key;
  if (Origin) {
    Key = originKey(Origin, ON->getLocationContext()->getDecl());
  } else {
    Key = "param";
    if (const auto *SRV = dyn_cast<SymbolRegionValue>(Sym))
      if (const auto *VR = dyn_cast<VarRegion>(SRV->getRegion()))
        Key += ":" + VR->getDecl()->getNameAsString();
  }
  // One object can go wrong at several places: the site tells them apart in
  // the id (after ";at=", which the driver keeps out of the origin).
  if (const Stmt *Site = N->getStmtForDiagnostics())
    Key += ";at=" + ordinalKey(Site->getStmtClassName(), Site,
                               N->getStackFrame()->getDecl());
  auto R = std::make_unique<PathSensitiveBugReport>(BT, "origin=" + Key,
                                                    Msg.str(), N);
  R->markInteresting(Sym);
  R->addVisitor<RefHistoryVisitor>(Sym, RefOps);
  C.emitReport(std::move(R));
}

void PyRefChecker::reportLeak(SymbolRef Sym, const RefState &RS,
                              ExplodedNode *N, CheckerContext &C) const {
  const ExplodedNode *ON = findOriginNode(N, Sym);
  const Stmt *Origin = RS.origin();
  StringRef From = calleeNameOf(Origin);
  std::string Holder = holderName(N->getFirstPred(), Sym);
  std::string Msg;
  if (std::string How = refOpSpelling(Origin, RefOps); !How.empty())
    Msg = "Reference taken with '" + How + "'";
  else if (!From.empty())
    Msg = "New reference from '" + From.str() + "'";
  else
    Msg = "New reference";
  if (!Holder.empty())
    Msg += " (held in '" + Holder + "')";
  Msg += " is leaked";
  if (RS.count() > 1)
    Msg += " (" + std::to_string(RS.count()) + " references)";

  const LocationContext *OLC = ON->getLocationContext();
  PathDiagnosticLocation Unique =
      PathDiagnosticLocation::createBegin(Origin, C.getSourceManager(), OLC);
  auto R = std::make_unique<PathSensitiveBugReport>(
      LeakBug, "origin=" + originKey(Origin, OLC->getDecl()), Msg, N, Unique,
      OLC->getDecl());
  R->markInteresting(Sym);
  R->addVisitor<RefHistoryVisitor>(Sym, RefOps);
  C.emitReport(std::move(R));
}

PathDiagnosticPieceRef RefHistoryVisitor::VisitNode(const ExplodedNode *N,
                                                    BugReporterContext &BRC,
                                                    PathSensitiveBugReport &BR) {
  const ExplodedNode *Pred = N->getFirstPred();
  if (!Pred)
    return nullptr;
  const RefState *Now = N->getState()->get<RefMap>(Sym);
  const RefState *Before = Pred->getState()->get<RefMap>(Sym);
  if (!Now || (Before && *Now == *Before))
    return nullptr;
  const Stmt *S = N->getStmtForDiagnostics();
  if (!S)
    return nullptr;
  std::string Msg;
  StringRef Callee = calleeNameOf(S);
  switch (Now->kind()) {
  case RefState::Owned:
    if (!Before || Before->isBorrowed()) {
      std::string How = refOpSpelling(S, RefOps);
      if (Now->origin() == S && !How.empty())
        Msg = "Reference taken with '" + How + "'";
      else if (!Callee.empty())
        Msg = "New reference returned by '" + Callee.str() + "'";
      else
        Msg = "New reference acquired";
      if (Before)
        Msg += " (was borrowed)";
    } else if (Before->isOwned() && Now->count() > Before->count()) {
      Msg = "Reference count incremented; " + std::to_string(Now->count()) +
            " references owned";
    } else if (Before->isOwned()) {
      std::string Left = std::to_string(Now->count()) +
                         (Now->count() == 1 ? " reference" : " references") +
                         " still owned";
      std::string How = refOpSpelling(S, RefOps);
      if (How.empty() && !Callee.empty())
        Msg = "One reference stolen by '" + Callee.str() + "'; " + Left;
      else
        Msg = "Reference released; " + Left;
    } else {
      return nullptr;
    }
    break;
  case RefState::Borrowed:
    Msg = Callee.empty() ? "Borrowed reference"
                         : "Borrowed reference returned by '" + Callee.str() + "'";
    break;
  case RefState::Released:
    Msg = "Last owned reference released" +
          (Callee.empty() ? std::string() : " by '" + Callee.str() + "'") +
          "; the object may be freed";
    break;
  case RefState::Stolen:
    Msg = "Reference stolen by '" + Callee.str() + "'";
    break;
  }
  PathDiagnosticLocation Pos(S, BRC.getSourceManager(),
                             N->getLocationContext());
  return std::make_shared<PathDiagnosticEventPiece>(Pos, Msg, true);
}

//===----------------------------------------------------------------------===//
// Registration
//===----------------------------------------------------------------------===//

void refcheck::registerPyRefChecker(CheckerManager &Mgr) {
  registerWithConfig<PyRefChecker>(Mgr);
}
