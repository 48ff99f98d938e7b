//===- ContractInference.cpp - What a project's own functions do ----------===//
//
// Inference mode (CheckerConfig::InferContracts): for every function of the
// file that another file may call, the analyzer explores the body as a
// top-level function and this checker records, per path, what happened to
// each PyObject* parameter, taken to be a reference the caller owns:
//   Net  references the function holds on the object beyond the caller's:
//        Py_INCREF +1, Py_DECREF -1, a stealing call -1, a store into memory
//        that outlives the call (a global, a field, a tuple slot) -1, being
//        returned -1;
// and what was returned: NULL, a new reference (a call's new result, or a
// reference taken with Py_INCREF), a borrowed one, a parameter, or (for int
// results) a negative value; and whether an exception was set when it
// failed. At the end of the function's analysis the paths are merged into
// one contract (an ApiModel FunctionSpec): a parameter is borrowed if every
// path leaves it at 0, stolen if every path consumes it, stolen on success
// if exactly the failing paths leave it alone; anything else is unknown.
// Nothing is reported in this mode.
//
//===----------------------------------------------------------------------===//
#include "CApiHelpers.h"
#include "RefSummary.h"
#include "refcheck/Checker.h"

#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"
#include "clang/Lex/Lexer.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallDescription.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExprEngine.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"
#include "llvm/ADT/Sequence.h"
#include "llvm/ADT/SmallSet.h"

using namespace clang;
using namespace ento;
using namespace refcheck;

namespace {
/// What the function did to one object, on one path.
struct ObjFx {
  int Net = 0;
  /// Index of the parameter, or -1 for an object the function obtained.
  int Param = -1;
  /// Handed somewhere we cannot follow (a void* argument, an unknown
  /// steal): the parameter's fate is unknown.
  bool Lost = false;
  /// The object's result kind when it came from a call whose convention
  /// is unknown.
  bool UnknownOrigin = false;
  /// For a parameter: known to be NULL when its symbol died (its
  /// constraints go with it).
  bool WasNull = false;
  bool operator==(const ObjFx &O) const {
    return Net == O.Net && Param == O.Param && Lost == O.Lost &&
           UnknownOrigin == O.UnknownOrigin && WasNull == O.WasNull;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(Net);
    ID.AddInteger(Param);
    ID.AddBoolean(Lost);
    ID.AddBoolean(UnknownOrigin);
    ID.AddBoolean(WasNull);
  }
};

/// What a path returned.
enum class Ret : uint8_t {
  None,     ///< void, or fell off the end
  Null,     ///< NULL
  New,      ///< a reference the caller now owns (maybe NULL)
  Borrowed, ///< somebody else's
  Unknown,  ///< from a call whose convention is unknown
  IntNeg,   ///< an int result known to be negative
  IntOk,    ///< an int result known to be >= 0
  IntAny,   ///< an int result that may be either
  Alias,    ///< a parameter handed back with no reference of the function's
};

/// Zero or not, for int results (0 is the failure of a "true on success"
/// helper).
enum class IntValue : uint8_t { Either, Zero, NonZero };

/// The thread's exception state, as far as this checker follows it.
enum ExcState : unsigned { ExcClear = 0, ExcSet = 1, ExcUnknown = 2 };

/// What the path knows of the exception state the function was called
/// with: a PyErr_Occurred() before any call that could change the state
/// tells it (an error translator such as pygit2's git_error_for_exc).
enum EntryExc : unsigned {
  EntryNotAsked = 0, ///< no query yet, and nothing changed the state
  EntryTouched,      ///< a call could have changed it before any query
  EntrySet,          ///< the first query saw an exception
  EntryClear,        ///< the first query saw none
};

struct PathRecord {
  Ret R = Ret::None;
  int AliasParam = -1;    ///< for Ret::Alias: the parameter handed back
  bool MaybeNull = false; ///< a New result not known to be non-NULL
  /// A New result made fresh on this path (PyList_New, tp_alloc, a function
  /// with a fresh result): never a shared singleton such as Py_None.
  bool Fresh = false;
  /// A New result that is fresh, one of the interpreter's singletons
  /// (Py_None with a reference, Py_RETURN_TRUE), or made as
  /// FunctionSpec::FreshOrStatic says (RefSummaryManager::madeOrStatic).
  bool FreshOrStatic = false;
  /// For an int result known to be >= 0: whether it is known to be 0.
  IntValue Int = IntValue::Either;
  unsigned Exc = ExcClear;
  /// The exception state at entry, as the path learnt it (EntryExc).
  unsigned Entry = EntryNotAsked;
  /// Exc is set, by calls that fail only when memory runs out; for a New
  /// result that may be NULL, that the call it came from fails only then.
  bool ExcMemory = false;
  /// A Borrowed result read from memory (a field, a slot), not one a call
  /// lent or one the function stored and released.
  bool BorrowedRead = false;
  SmallVector<ObjFx, 4> Params;
  /// Per parameter: NULL on this path, so there was no reference to take.
  SmallVector<bool, 4> ParamNull;
};
} // namespace

REGISTER_MAP_WITH_PROGRAMSTATE(InfFx, SymbolRef, ObjFx)
/// References taken on statically allocated objects (Py_None).
REGISTER_MAP_WITH_PROGRAMSTATE(InfStatic, const MemRegion *, int)
REGISTER_TRAIT_WITH_PROGRAMSTATE(InfExc, unsigned)
/// InfExc is set, by calls that fail only when memory runs out.
REGISTER_TRAIT_WITH_PROGRAMSTATE(InfExcMemory, bool)
/// What the path knows of the exception state at entry (EntryExc).
REGISTER_TRAIT_WITH_PROGRAMSTATE(InfEntry, unsigned)
/// Results of calls that report failure by their value: their failure sets
/// the exception.
REGISTER_MAP_WITH_PROGRAMSTATE(InfPending, SymbolRef, unsigned)
/// Set by the top frame's return statement, read at the end of the path.
REGISTER_TRAIT_WITH_PROGRAMSTATE(InfRet, unsigned)
REGISTER_TRAIT_WITH_PROGRAMSTATE(InfRetMaybeNull, bool)
REGISTER_TRAIT_WITH_PROGRAMSTATE(InfRetFresh, bool)
REGISTER_TRAIT_WITH_PROGRAMSTATE(InfRetFreshOrStatic, bool)
/// Objects the path made out of memory (_Py_NewReference on an object
/// taken off a free list, PyObject_Init after PyObject_Malloc): fresh, as
/// an allocator's result is.
REGISTER_SET_WITH_PROGRAMSTATE(InfMadeHere, SymbolRef)
REGISTER_TRAIT_WITH_PROGRAMSTATE(InfRetInt, unsigned)
REGISTER_TRAIT_WITH_PROGRAMSTATE(InfRetExc, unsigned)
REGISTER_TRAIT_WITH_PROGRAMSTATE(InfRetExcMemory, bool)
REGISTER_TRAIT_WITH_PROGRAMSTATE(InfRetAlias, int)
/// PathRecord::BorrowedRead of the path's return.
REGISTER_TRAIT_WITH_PROGRAMSTATE(InfRetRead, bool)
/// Memory outside the stack that a store gave one of the references the
/// function tracks (counted -1 at the store), and the object it holds. A
/// later store of something else there undoes it: the reference comes back
/// (`old = curs->caster; curs->caster = obj; ...; curs->caster = old;`).
REGISTER_MAP_WITH_PROGRAMSTATE(InfStoredIn, const MemRegion *, SymbolRef)
/// In-place calls (_PyBytes_Resize(&b, n)): the object a local variable held
/// when the call overwrote it, from the call's escape to its post-call.
REGISTER_MAP_WITH_PROGRAMSTATE(InfInPlaceOld, const MemRegion *, SymbolRef)

namespace {
class ContractInferenceChecker
    : public Checker<check::BeginFunction, check::PreCall, check::PostCall,
                     check::Bind,
                     check::PreStmt<ReturnStmt>, check::EndFunction,
                     check::EndAnalysis, check::DeadSymbols,
                     check::PointerEscape, eval::Call> {
  /// The paths of the top-level function being analysed.
  mutable std::vector<PathRecord> Paths;
  /// Whether one of them called a static helper with no contract yet, and
  /// whether such a call was handed an object (the helper's contract may
  /// take it, which the first round could not know).
  mutable bool WaitedOnHelper = false;
  mutable bool WaitedWithObject = false;
  /// Contracts inferred earlier in this file (callees come first).
  mutable llvm::StringMap<InferredContract> Local;
  const RefOpMap RefOps = makeRefOps();

public:
  const CheckerConfig *Config = nullptr;
  /// What a call does, as PyRefChecker sees it.
  mutable RefSummaryManager Summaries;

  ContractInferenceChecker() { Summaries.setLocal(&Local); }
  bool active() const { return Config && Config->InferContracts; }
  void checkBeginFunction(CheckerContext &C) const;
  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  bool evalCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  void checkPreStmt(const ReturnStmt *RS, CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;
  void checkEndAnalysis(ExplodedGraph &G, BugReporter &BR,
                        ExprEngine &Eng) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;
  /// Makes what an exploration found known, as checkEndAnalysis does, or
  /// a step of an earlier run read back (CheckerConfig::Memo).
  void apply(const InferenceStep &Step) const;
  const llvm::StringMap<InferredContract> &known() const { return Local; }
  ProgramStateRef checkPointerEscape(ProgramStateRef State,
                                     const InvalidatedSymbols &Escaped,
                                     const CallEvent *Call,
                                     PointerEscapeKind Kind) const;

private:
  /// What the exploration of FD that just ended adds to what the phase
  /// knows (its paths, taken).
  InferenceStep stepOf(const FunctionDecl *FD, ExprEngine &Eng) const;
  /// Applies the argument rules and the result of a call's summary.
  void applySummary(const CallSummary &S, const CallEvent &Call,
                    ProgramStateRef State, CheckerContext &C) const;
  ProgramStateRef adjust(ProgramStateRef State, SymbolRef Sym, int By,
                         bool Create = false) const;
  ProgramStateRef lose(ProgramStateRef State, SymbolRef Sym) const;
  /// The exception state; *Memory says whether only calls that fail when
  /// memory runs out set it.
  unsigned excAt(ProgramStateRef State, bool *Memory = nullptr) const;
  /// The callback fields (callbackFieldKey) that FD is stored in, in this
  /// unit: its contract is theirs too.
  SmallVector<std::string, 1> boundKeys(const FunctionDecl *FD) const;
  /// Whether inference explores FD: a function another file may call, or
  /// one stored in a callback field, that this round infers, or a static
  /// helper the analysis will not follow (unitHelper).
  bool explores(const FunctionDecl *FD) const;
  /// Whether FD is a static helper (wantsUnitContract) that the unit only
  /// calls: one whose address is taken (a method table's, a callback's)
  /// has the contract its caller gives it, not one of its own.
  bool unitHelper(const FunctionDecl *FD) const;
  /// FD's contract as this parse inferred it: in this phase (callees
  /// first), or the static helpers' in the phase before (UnitHelpers).
  const InferredContract *inferredHere(const FunctionDecl *FD) const;
  /// Whether the unit calls through the callback field Key itself (cbor2's
  /// `self->fp_read(...)`, where the same file stores fp_read_buffered
  /// there): the static helpers' phase infers its contract, as no other
  /// file needs it from the project's inference.
  bool unitField(const FunctionDecl *FD, StringRef Key) const;
  /// The functions of the unit named other than as a call's callee, and
  /// the callback fields it calls through.
  void readUnit(const ASTContext &Ctx) const;
  mutable std::optional<llvm::DenseSet<const FunctionDecl *>> Referenced;
  mutable llvm::StringSet<> CalledFields;
};
} // namespace

static bool worthAContract(const FunctionDecl *FD);

/// From this many blocks on the analyzer counts a function as large
/// (min-cfg-size-treat-functions-as-large) and inlines it at most
/// max-times-inline-large (32) times in a unit: past that, its calls are
/// evaluated without its body, which one large unit reaches soon. (It never
/// inlines a function of more than 100 blocks, max-inlinable-size.)
constexpr unsigned LargeFunctionBlocks = 14;

/// Whether D is a function another file may call, worth a contract: defined
/// in the unit's code (isInCodeFile), visible outside it, with an object
/// among its parameters or as its result, and not described by the user's
/// own annotations on its declaration (those override what its body says).
bool refcheck::wantsContract(const FunctionDecl *FD) {
  return FD && FD->isExternallyVisible() && worthAContract(FD);
}

/// What wantsContract asks of a function whatever its linkage.
static bool worthAContract(const FunctionDecl *FD) {
  if (!FD || !FD->hasBody() || isa<CXXDestructorDecl>(FD) ||
      hasUserRefAnnotation(FD))
    return false;
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  if (!isInCodeFile(SM, FD->getLocation()))
    return false;
  if (isPyObjectPointerType(FD->getReturnType()))
    return true;
  if (llvm::any_of(FD->parameters(), [](const ParmVarDecl *P) {
        return isPyObjectPointerType(P->getType());
      }))
    return true;
  // An int helper that asks whether an exception is set: its result may
  // answer the question for its callers (`if (helper() != 0)`).
  return FD->getReturnType()->isIntegerType() && queriesException(FD);
}

bool refcheck::wantsUnitContract(const FunctionDecl *FD) {
  // Only those that return an object: where the analysis does not follow a
  // helper, its arguments are not judged (the escape rules), but its result
  // is a new reference unless the body's shape says otherwise.
  return FD && !FD->isExternallyVisible() &&
         isPyObjectPointerType(FD->getReturnType()) && worthAContract(FD) &&
         hardToFollow(FD);
}

bool refcheck::inferenceReadsOwnContracts(const LangOptions &LO) {
  return !LO.CPlusPlus;
}

bool refcheck::hardToFollow(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def))
    return false;
  if (Def->isVariadic())
    return true;
  struct LoopFinder : RecursiveASTVisitor<LoopFinder> {
    bool Found = false;
    bool VisitStmt(Stmt *S) {
      Found = isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
      return !Found;
    }
  } L;
  L.TraverseStmt(Def->getBody());
  if (L.Found)
    return true;
  std::unique_ptr<CFG> G = CFG::buildCFG(
      Def, Def->getBody(), &Def->getASTContext(), CFG::BuildOptions());
  return G && G->getNumBlockIDs() >= LargeFunctionBlocks;
}

/// Whether FD's body calls a function whose error convention is
/// "occurred" (PyErr_Occurred).
bool refcheck::queriesException(const FunctionDecl *FD) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const ApiModel &Model;
    bool Found = false;
    explicit Finder(const ApiModel &M) : Model(M) {}
    bool VisitCallExpr(CallExpr *CE) {
      const FunctionDecl *Callee = CE->getDirectCallee();
      Found = Callee && errorKindFor(&Model, Callee) == ErrorKind::Occurred;
      return !Found;
    }
  };
  static const ApiModel Builtin = ApiModel::builtin();
  Finder F(Builtin);
  F.TraverseStmt(FD->getBody());
  return F.Found;
}

/// The name a contract is filed under: the identifier for C functions,
/// the qualified name for C++ members (which only annotations reach).
std::string refcheck::contractName(const FunctionDecl *FD) {
  if (isa<CXXMethodDecl>(FD) || !FD->getIdentifier())
    return FD->getQualifiedNameAsString();
  return FD->getName().str();
}

void ContractInferenceChecker::checkPreCall(const CallEvent &Call,
                                            CheckerContext &C) const {
  if (!active())
    return;
  // In-place calls (_PyBytes_Resize(&b, n)): the object each variable holds
  // now, for the call's summary to judge after the call overwrote it.
  ProgramStateRef State = recordInPlaceOld<InfInPlaceOld>(
      C.getState(), Summaries.specFor(
                        dyn_cast_or_null<FunctionDecl>(Call.getDecl())),
      Call);
  if (State != C.getState())
    C.addTransition(State);
}

SmallVector<std::string, 1>
ContractInferenceChecker::boundKeys(const FunctionDecl *FD) const {
  // The user's annotations on it describe it; its body says nothing more.
  if (!FD || hasUserRefAnnotation(FD))
    return {};
  return Summaries.boundKeys(FD);
}

bool ContractInferenceChecker::unitHelper(const FunctionDecl *FD) const {
  if (!wantsUnitContract(FD) || !boundKeys(FD).empty())
    return false;
  readUnit(FD->getASTContext());
  return !Referenced->contains(FD->getCanonicalDecl());
}

void ContractInferenceChecker::readUnit(const ASTContext &Ctx) const {
  if (Referenced)
    return;
  struct Finder : RecursiveASTVisitor<Finder> {
    llvm::DenseSet<const FunctionDecl *> Out;
    llvm::DenseSet<const Expr *> Callees;
    llvm::StringSet<> Fields;
    bool VisitCallExpr(CallExpr *CE) {
      Callees.insert(CE->getCallee()->IgnoreParenImpCasts());
      if (std::optional<std::string> Key = callbackFieldKey(CE))
        Fields.insert(*Key);
      return true;
    }
    bool VisitDeclRefExpr(DeclRefExpr *DRE) {
      if (const auto *F = dyn_cast<FunctionDecl>(DRE->getDecl()))
        if (!Callees.contains(DRE))
          Out.insert(F->getCanonicalDecl());
      return true;
    }
  } F;
  F.TraverseDecl(Ctx.getTranslationUnitDecl());
  Referenced = std::move(F.Out);
  CalledFields = std::move(F.Fields);
}

bool ContractInferenceChecker::unitField(const FunctionDecl *FD,
                                         StringRef Key) const {
  readUnit(FD->getASTContext());
  return CalledFields.contains(Key);
}

const InferredContract *
ContractInferenceChecker::inferredHere(const FunctionDecl *FD) const {
  if (!FD)
    return nullptr;
  std::string Name = contractName(FD);
  if (auto It = Local.find(Name); It != Local.end())
    return &It->second;
  if (Config && Config->UnitHelpers && !FD->isExternallyVisible())
    if (auto It = Config->UnitHelpers->find(Name);
        It != Config->UnitHelpers->end())
      return It->second;
  return nullptr;
}

bool ContractInferenceChecker::explores(const FunctionDecl *FD) const {
  auto Wanted = [&](StringRef Name) {
    return !Config || !Config->InferOnly || Config->InferOnly->empty() ||
           Config->InferOnly->contains(Name);
  };
  if (Config && Config->InferUnitLocal && unitHelper(FD))
    return !Config->HelperRedo ||
           Config->HelperRedo->contains(contractName(FD));
  if (Config && Config->InferUnitLocalOnly) {
    // Stored in a callback field this unit calls through: once, in the
    // first round.
    auto CalledHere = [&](StringRef K) { return unitField(FD, K); };
    return !Config->HelperRedo && llvm::any_of(boundKeys(FD), CalledHere);
  }
  if (wantsContract(FD) && Wanted(contractName(FD)))
    return true;
  return llvm::any_of(boundKeys(FD), Wanted);
}

void ContractInferenceChecker::checkBeginFunction(CheckerContext &C) const {
  if (!active() || !C.inTopFrame())
    return;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(C.getLocationContext()->getDecl());
  if (!explores(FD)) {
    // Not worth exploring: no other file calls it.
    C.generateSink(C.getState(), C.getPredecessor());
    return;
  }
  ProgramStateRef State = C.getState();
  const LocationContext *LC = C.getLocationContext();
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    const ParmVarDecl *P = FD->getParamDecl(I);
    if (!isPyObjectPointerType(P->getType()))
      continue;
    SymbolRef Sym = State->getSVal(State->getLValue(P, LC)).getAsLocSymbol();
    if (!Sym)
      continue;
    ObjFx F;
    F.Param = I;
    State = State->set<InfFx>(Sym, F);
  }
  C.addTransition(State);
}

ProgramStateRef ContractInferenceChecker::adjust(ProgramStateRef State,
                                                 SymbolRef Sym, int By,
                                                 bool Create) const {
  if (!Sym)
    return State;
  const ObjFx *F = State->get<InfFx>(Sym);
  if (!F && !Create)
    return State;
  ObjFx N = F ? *F : ObjFx();
  N.Net += By;
  return State->set<InfFx>(Sym, N);
}

ProgramStateRef ContractInferenceChecker::lose(ProgramStateRef State,
                                               SymbolRef Sym) const {
  const ObjFx *F = Sym ? State->get<InfFx>(Sym) : nullptr;
  if (!F)
    return State;
  ObjFx N = *F;
  N.Lost = true;
  return State->set<InfFx>(Sym, N);
}

bool ContractInferenceChecker::evalCall(const CallEvent &Call,
                                        CheckerContext &C) const {
  if (!active())
    return false;
  std::optional<RefOpCall> R = evalRefOp(RefOps, Call, C);
  if (!R) {
    // A compatibility shim of an API function: its row, as PyRefChecker.
    const FunctionSpec *Spec =
        Summaries.specFor(dyn_cast_or_null<FunctionDecl>(Call.getDecl()));
    if (RefSummaryManager::isInlineStealer(Call, Spec) ||
        !Summaries.isModelledShim(Call, Spec))
      return false;
    evalOpaqueCall(Call, C);
    return true;
  }
  if (R->NullPath)
    C.addTransition(R->NullPath);
  ProgramStateRef State = R->State;
  if (!State)
    return true;
  if (SymbolRef Sym = R->Obj.getAsLocSymbol()) {
    State = adjust(State, Sym, R->Delta, /*Create=*/R->Delta > 0);
  } else if (const MemRegion *MR = R->Obj.getAsRegion();
             R->Delta && MR && isa<NonParamVarRegion>(MR->StripCasts())) {
    MR = MR->StripCasts();
    const int *N = State->get<InfStatic>(MR);
    int V = (N ? *N : 0) + R->Delta;
    State = V ? State->set<InfStatic>(MR, V) : State->remove<InfStatic>(MR);
  }
  C.addTransition(State);
  return true;
}

/// InfPending's value: the ErrorKind, and this bit when the call fails
/// only when memory runs out.
constexpr unsigned PendingMemory = 0x100;
static ErrorKind pendingKind(unsigned V) { return ErrorKind(V & 0xff); }

/// Failure values of calls whose failure sets the exception.
static bool setsOnFailure(ErrorKind K) {
  return K == ErrorKind::NullSets || K == ErrorKind::NegSets ||
         K == ErrorKind::ZeroSets;
}

void ContractInferenceChecker::checkPostCall(const CallEvent &Call,
                                             CheckerContext &C) const {
  if (!active() || C.wasInlined || RefOps.lookup(Call) ||
      !Call.getOriginExpr())
    return;
  ProgramStateRef State = C.getState();
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  const FunctionSpec *Spec = Summaries.specFor(FD);
  SVal Ret = Call.getReturnValue();
  std::optional<std::string> Field =
      FD ? std::nullopt
         : callbackFieldKey(dyn_cast<CallExpr>(Call.getOriginExpr()));
  if (Field)
    Spec = Summaries.specForField(*Field);
  if (!Spec && Config->ProjectFunctions &&
      ((FD && !FD->hasBody() &&
        Config->ProjectFunctions->contains(contractName(FD))) ||
       (Field && Config->ProjectFunctions->contains(*Field)))) {
    // A project function not known yet: a later round counts this path.
    C.generateSink(State, C.getPredecessor());
    return;
  }

  // The exception state, and whether the call fails only when memory
  // runs out (PyList_New, PyErr_NoMemory, a helper of this file inferred
  // so).
  StringRef Name = FD && FD->getIdentifier() ? FD->getName() : "";
  ErrorKind EK = Field          ? Summaries.fieldErrorKind(*Field)
                 : Name.empty() ? ErrorKind::Unknown
                                : errorKindFor(Config->Model, FD);
  const ErrorSpec *ES = FD ? errorSpecFor(Config->Model, FD) : nullptr;
  bool Memory = ES && ES->FailsOnlyOnMemory;
  if (const InferredContract *IC = inferredHere(FD); IC && IC->Error) {
    EK = *IC->Error;
    Memory = IC->FailsOnlyOnMemory;
  }
  const SourceManager &SM = C.getSourceManager();
  bool SystemLibc = FD && EK == ErrorKind::Unknown &&
                    SM.isInSystemHeader(FD->getLocation()) &&
                    !isPythonApiName(Name);
  SmallVector<ProgramStateRef, 2> States{State};
  if (State->get<InfEntry>() == EntryNotAsked && EK != ErrorKind::NoEffect &&
      !SystemLibc) {
    auto DV = Ret.getAs<DefinedOrUnknownSVal>();
    if (EK != ErrorKind::Occurred || !isa<Loc>(Ret) || !DV) {
      States[0] = State->set<InfEntry>(EntryTouched);
    } else if (auto [Set, Clear] = State->assume(*DV); Set && Clear) {
      // The first question about the state at entry: the answer splits
      // the path, so each path knows what it was called with.
      States = {Set->set<InfEntry>(EntrySet),
                Clear->set<InfEntry>(EntryClear)};
    }
  }
  CallSummary Summary = Summaries.summarize(Call);
  // A static helper the analyzer did not follow, whose own exploration
  // has not come yet (callees come first: a cycle of calls): what it
  // returns is not known, rather than a new reference by the convention.
  // Only the first round of the helpers meets such a call: after it, every
  // helper was explored, and one with no contract is read by its shape.
  if (Config && Config->WaitedSink && !Spec &&
      Summary.Ret.K == ReturnEffect::New && unitHelper(FD) &&
      !inferredHere(FD)) {
    Summary.Ret.K = ReturnEffect::Unknown;
    WaitedOnHelper = true;
    WaitedWithObject |=
        llvm::any_of(llvm::seq(0u, Call.getNumArgs()), [&](unsigned I) {
          return isPyObjectPointerType(Call.getArgExpr(I)->getType());
        });
  }
  for (ProgramStateRef St : States) {
    if (EK == ErrorKind::AlwaysSets)
      St = St->set<InfExc>(ExcSet)->set<InfExcMemory>(Memory);
    else if (EK == ErrorKind::Clears)
      St = St->set<InfExc>(ExcClear);
    else if (setsOnFailure(EK) || EK == ErrorKind::Occurred) {
      if (SymbolRef R = Ret.getAsSymbol())
        St = St->set<InfPending>(R, unsigned(EK) |
                                        (Memory ? PendingMemory : 0));
    } else if (EK == ErrorKind::Unknown && !SystemLibc &&
               EK != ErrorKind::NoEffect)
      St = St->set<InfExc>(ExcUnknown);
    applySummary(Summary, Call, St, C);
  }
}

void ContractInferenceChecker::applySummary(const CallSummary &S,
                                            const CallEvent &Call,
                                            ProgramStateRef State,
                                            CheckerContext &C) const {
  // x_divrem's `*prem = NULL; return NULL;`: where it failed, NULL there.
  if (!S.NullOutOnFailure.empty()) {
    auto [Succ, Fail] = splitOnNullOuts(State, S, Call, C);
    CallSummary Rest = S;
    Rest.NullOutOnFailure.clear();
    for (ProgramStateRef St : {Succ, Fail})
      if (St)
        applySummary(Rest, Call, St, C);
    return;
  }
  // A conditional steal splits the path on the call's result: the rules
  // after it apply where the call succeeded.
  ProgramStateRef OnFailure = nullptr;
  SVal Ret = Call.getReturnValue();
  for (const ArgRule &R : S.Args) {
    if (!State)
      break;
    // At the escape (checkPointerEscape). A steal at evaluation is the
    // body's own where the call was inlined (checkPostCall skips those);
    // here the analyzer did not enter the body (a function of this unit
    // whose contract the inference already has), so it is the call's.
    if (R.When == EffectTime::Escape)
      continue;
    SymbolRef Sym = Call.getArgSVal(R.Index).getAsLocSymbol();
    switch (R.Effect) {
    case ArgEffect::Borrow:
    case ArgEffect::Keep:
    case ArgEffect::BorrowedOut:
    case ArgEffect::Dealloc: // the decrement before it did the accounting
      break;
    case ArgEffect::StealAlways:
      State = adjust(State, Sym, -1);
      break;
    case ArgEffect::StealOnSuccess:
    case ArgEffect::StealOnFailure: {
      if (!Ret.getAs<DefinedOrUnknownSVal>()) {
        State = lose(State, Sym);
        break;
      }
      auto [Succ, Fail] = splitOnResult(State, Call, C);
      if (R.Effect == ArgEffect::StealOnSuccess)
        Succ = Succ ? adjust(Succ, Sym, -1) : nullptr;
      else
        Fail = Fail ? adjust(Fail, Sym, -1) : nullptr;
      OnFailure = Fail;
      State = Succ;
      break;
    }
    case ArgEffect::Init:
      State = adjust(State, Sym, 1, /*Create=*/true);
      if (Sym)
        State = State->add<InfMadeHere>(Sym);
      break;
    case ArgEffect::NewRefOut:
      if (auto V = pointeeOf(State, Call, R.Index))
        State = adjust(State, V->getAsLocSymbol(), 1, /*Create=*/true);
      break;
    case ArgEffect::InOut:
    case ArgEffect::ReplacedOnSuccess: {
      const MemRegion *Var = inPlaceVariable(Call, R.Index);
      if (!Var)
        break;
      SymbolRef Old = nullptr;
      if (const SymbolRef *O = State->get<InfInPlaceOld>(Var))
        Old = *O;
      State = State->remove<InfInPlaceOld>(Var);
      auto [Succ, Fail] = splitInPlace(State, R, S, Call, C, Old);
      if (Succ) {
        Succ = adjust(Succ, Old, -1);
        Succ = adjust(
            Succ, Succ->getSVal(loc::MemRegionVal(Var)).getAsLocSymbol(), 1,
            /*Create=*/true);
      }
      if (Fail && R.Effect == ArgEffect::InOut)
        Fail = adjust(Fail, Old, -1);
      if (Fail)
        OnFailure = Fail;
      State = Succ;
      break;
    }
    case ArgEffect::Forget:
    case ArgEffect::Unknown:
      State = lose(State, Sym);
      break;
    }
  }

  // The result (summarize() says whether it is an object).
  if (State && S.Ret.K != ReturnEffect::NotObject) {
    SymbolRef Sym = Ret.getAsLocSymbol();
    auto NonNull = [&](ProgramStateRef St) {
      if (!S.Ret.CanFail)
        if (auto NN = St->assume(Ret.castAs<DefinedOrUnknownSVal>(), true))
          return NN;
      return St;
    };
    switch (S.Ret.K) {
    case ReturnEffect::AlwaysNull:
      if (Sym)
        if (auto N = State->assume(Ret.castAs<DefinedOrUnknownSVal>(), false))
          State = N;
      break;
    case ReturnEffect::Alias:
      // The argument handed back (RefSummary.h).
      State = bindAliasResult(State, S, Call, C);
      break;
    case ReturnEffect::New:
    case ReturnEffect::NotObject: // described as no object, but it is one
    case ReturnEffect::Borrowed:
    case ReturnEffect::Unknown:
      if (Sym && !State->get<InfFx>(Sym)) {
        ObjFx F;
        if (S.Ret.K == ReturnEffect::Unknown)
          F.UnknownOrigin = true;
        else if (S.Ret.K != ReturnEffect::Borrowed)
          F.Net = 1;
        State = NonNull(State->set<InfFx>(Sym, F));
      }
      break;
    }
  }
  if (State)
    C.addTransition(State);
  if (OnFailure)
    C.addTransition(OnFailure);
}

void ContractInferenceChecker::checkBind(SVal Loc, SVal Val, const Stmt *S,
                                         CheckerContext &C) const {
  if (!active())
    return;
  SymbolRef Sym = Val.getAsLocSymbol();
  const MemRegion *R = Loc.getAsRegion();
  if (!R)
    return;
  // Locals of any frame hold no reference of their own.
  if (isa<StackSpaceRegion>(R->getMemorySpace()))
    return;
  ProgramStateRef State = C.getState();
  bool Changed = false;
  if (const SymbolRef *Held = State->get<InfStoredIn>(R)) {
    if (*Held == Sym)
      return; // stored again: the memory still holds one reference
    // Overwritten: the memory no longer holds the object's reference.
    if (State->get<InfFx>(*Held))
      State = adjust(State, *Held, +1);
    State = State->remove<InfStoredIn>(R);
    Changed = true;
  }
  if (Sym && State->get<InfFx>(Sym)) {
    State = adjust(State, Sym, -1);
    State = State->set<InfStoredIn>(R, Sym);
    Changed = true;
  }
  if (Changed)
    C.addTransition(State);
}

ProgramStateRef ContractInferenceChecker::checkPointerEscape(
    ProgramStateRef State, const InvalidatedSymbols &Escaped,
    const CallEvent *Call, PointerEscapeKind Kind) const {
  if (!active() || !Call)
    return State;
  CallSummary S = Summaries.summarize(*Call);
  for (const ArgRule &R : S.Args) {
    if (R.Effect == ArgEffect::InOut ||
        R.Effect == ArgEffect::ReplacedOnSuccess)
      continue; // recorded at the pre-call
    // An object handed over as something else (void*, an integer), or to a
    // function whose use of it nobody can tell, can no longer be followed.
    if (Kind != PSK_DirectEscapeOnCall || R.When != EffectTime::Escape)
      continue;
    SymbolRef Sym = Call->getArgSVal(R.Index).getAsLocSymbol();
    if (Sym && Escaped.count(Sym))
      State = lose(State, Sym);
  }
  return State;
}

unsigned ContractInferenceChecker::excAt(ProgramStateRef State,
                                         bool *Memory) const {
  unsigned E = State->get<InfExc>();
  if (Memory)
    *Memory = E == ExcSet && State->get<InfExcMemory>();
  if (E == ExcSet)
    return E;
  // A failed call whose failure sets the exception.
  for (auto [Sym, Value] : State->get<InfPending>()) {
    ErrorKind Kind = pendingKind(Value);
    ConstraintManager &CM = State->getConstraintManager();
    ConditionTruthVal Null = CM.isNull(State, Sym);
    bool Failed = false;
    if (Kind == ErrorKind::Occurred) {
      // PyErr_Occurred() was non-NULL on this path.
      Failed = Null.isConstrainedFalse();
    } else if (Kind == ErrorKind::NullSets || Kind == ErrorKind::ZeroSets) {
      Failed = Null.isConstrainedTrue();
    } else if (Kind == ErrorKind::NegSets && Sym->getType()->isIntegerType()) {
      SValBuilder &SVB = State->getStateManager().getSValBuilder();
      QualType T = Sym->getType();
      SVal Neg = SVB.evalBinOp(State, BO_LT, SVB.makeSymbolVal(Sym),
                               SVB.makeIntVal(0, T), SVB.getConditionType());
      if (auto DV = Neg.getAs<DefinedOrUnknownSVal>())
        Failed = State->assume(*DV, true) && !State->assume(*DV, false);
    }
    if (Failed) {
      if (Memory)
        *Memory = Value & PendingMemory;
      return ExcSet;
    }
  }
  return E;
}

/// Whether Sym is what a field (or element) of the function's own local
/// struct held after a call was given the struct's address: `ta.visited`
/// after `traverse(..., &ta)`. The call may have written anything there,
/// or nothing: what the function put there (a new reference, often) is
/// lost to the engine, so the result is unknown, not borrowed.
static bool readFromLocalAggregate(SymbolRef Sym) {
  const MemRegion *From = nullptr;
  if (const auto *SD = dyn_cast<SymbolDerived>(Sym))
    From = SD->getRegion();
  if (!From)
    return false;
  const MemRegion *Base = From->getBaseRegion();
  return Base != From && isa<StackLocalsSpaceRegion>(Base->getMemorySpace());
}

/// Whether FD's body writes to memory other than its own variables (a
/// field, a slot, a global: `q->last = NULL;`, `q->left++`), where what it
/// read may have been taken over. A lookup in a global table does not.
static bool writesMemory(const FunctionDecl *FD) {
  struct Finder : RecursiveASTVisitor<Finder> {
    bool Found = false;
    void target(const Expr *E) {
      const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
      const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      Found |= !VD || !VD->hasLocalStorage();
    }
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->isAssignmentOp())
        target(BO->getLHS());
      return !Found;
    }
    bool VisitUnaryOperator(UnaryOperator *UO) {
      if (UO->isIncrementDecrementOp())
        target(UO->getSubExpr());
      return !Found;
    }
  } F;
  F.TraverseStmt(FD->getBody());
  return F.Found;
}

/// Whether Sym is an item read at a symbolic index (`PyList_GET_ITEM(l, i)`,
/// a value the engine made when binding it) whose slot the same function
/// then fills with another object through a stealing setter
/// (`PyList_SET_ITEM(l, i, Py_None)`, with the same container and index
/// expressions): the function took the container's reference over.
static bool takenOverItem(SymbolRef Sym, const RefSummaryManager &Summaries,
                          ASTContext &Ctx) {
  const auto *SC = dyn_cast_or_null<SymbolConjured>(Sym);
  const auto *ASE = SC ? dyn_cast_or_null<ArraySubscriptExpr>(strippedOperand(
                             dyn_cast_or_null<Expr>(SC->getStmt())))
                       : nullptr;
  const auto *Items =
      ASE ? dyn_cast<MemberExpr>(strippedOperand(ASE->getBase())) : nullptr;
  const Decl *D = ASE ? enclosingFunction(Ctx, ASE) : nullptr;
  if (!Items || !D || !D->getBody() ||
      Items->getMemberDecl()->getName() != "ob_item")
    return false;
  const Expr *Container = strippedOperand(Items->getBase());
  const Expr *Index = strippedOperand(ASE->getIdx());
  struct Finder : RecursiveASTVisitor<Finder> {
    const Expr *Container, *Index;
    const RefSummaryManager *Summaries;
    bool Found = false;
    /// A setter by its row: it takes its third argument over, into the
    /// container its first names, at the index its second gives
    /// (PyList_SET_ITEM, PyTuple_SetItem).
    bool setsItem(const FunctionDecl *FD) const {
      const FunctionSpec *Spec = Summaries->specFor(FD);
      return Spec && llvm::any_of(Spec->Steals, [](const auto &S) {
               return S.first == 2 && S.second == StealKind::Always;
             });
    }
    bool VisitCallExpr(CallExpr *CE) {
      const FunctionDecl *FD = CE->getDirectCallee();
      Found = FD && FD->getNumParams() == 3 && CE->getNumArgs() == 3 &&
              setsItem(FD) && sameOperand(CE->getArg(0), Container) &&
              sameOperand(CE->getArg(1), Index);
      return !Found;
    }
  } F;
  F.Container = Container;
  F.Index = Index;
  F.Summaries = &Summaries;
  F.TraverseStmt(D->getBody());
  return F.Found;
}

void ContractInferenceChecker::checkPreStmt(const ReturnStmt *RS,
                                            CheckerContext &C) const {
  if (!active() || !C.inTopFrame())
    return;
  ProgramStateRef State = C.getState();
  const Expr *RetE = RS->getRetValue();
  Ret R = Ret::None;
  int AliasParam = -1;
  bool MaybeNull = false, Fresh = false, Read = false, Static = false;
  IntValue IntZero = IntValue::Either;
  if (RetE) {
    SVal V = C.getSVal(RetE);
    QualType T = RetE->getType();
    if (isPyObjectPointerType(T)) {
      ConditionTruthVal IsNull =
          V.getAs<DefinedOrUnknownSVal>()
              ? State->isNull(V.castAs<DefinedOrUnknownSVal>())
              : ConditionTruthVal();
      if (V.isZeroConstant() || IsNull.isConstrainedTrue()) {
        R = Ret::Null;
      } else if (SymbolRef Sym = V.getAsLocSymbol()) {
        const ObjFx *F = State->get<InfFx>(Sym);
        if (!F) {
          R = readFromLocalAggregate(Sym) ||
                      takenOverItem(Sym, Summaries, C.getASTContext())
                  ? Ret::Unknown
                  : Ret::Borrowed;
          const auto *SC = dyn_cast<SymbolConjured>(Sym);
          Read = !SC || !isa_and_nonnull<CallExpr>(SC->getStmt());
        } else if (F->UnknownOrigin && F->Param < 0) {
          R = Ret::Unknown;
        } else if (F->Param >= 0 && F->Net == 0 && !F->Lost) {
          // A parameter handed back as it came: the caller gets back what
          // it passed (mergePaths decides whether that is the contract).
          R = Ret::Alias;
          AliasParam = F->Param;
        } else if (F->Param >= 0 || F->Net >= 1) {
          // A parameter handed back with a reference the function took, or
          // a new object.
          R = F->Param >= 0 && F->Net < 0 ? Ret::Unknown : Ret::New;
          if (const auto *SC = dyn_cast<SymbolConjured>(Sym);
              SC && F->Param < 0) {
            Fresh = Summaries.madeNew(SC->getStmt());
            Static = Summaries.madeOrStatic(SC->getStmt());
          }
          Fresh |= F->Param < 0 && State->contains<InfMadeHere>(Sym);
          State = adjust(State, Sym, -1);
        } else {
          R = Ret::Borrowed;
        }
        MaybeNull = !IsNull.isConstrainedFalse();
      } else if (const MemRegion *MR = V.getAsRegion()) {
        MR = MR->StripCasts();
        const int *N = State->get<InfStatic>(MR);
        const auto *VR = dyn_cast<VarRegion>(MR);
        bool Singleton = VR && isInterpreterSingleton(VR->getDecl());
        if (N && *N > 0) {
          R = Ret::New;
          Static = Singleton;
          State = *N == 1 ? State->remove<InfStatic>(MR)
                          : State->set<InfStatic>(MR, *N - 1);
        } else {
          R = isPyReturnMacro(RS, C.getASTContext()) ? Ret::New : Ret::Borrowed;
          Static = R == Ret::New && Singleton;
        }
      } else if (V.isUnknown()) {
        // The engine has no value for it (a slot at an index it could not
        // follow): the body says nothing of the result here, which the
        // shape rules may still read (HelperPhase keeps no contract
        // whose only unknowns are such).
        R = Ret::None;
      } else {
        // A constant that is no object: a sentinel (apsw's
        // `#define DecodeSuccess ((PyObject *)1)`).
        R = Ret::Unknown;
      }
    } else if (T->isIntegerType()) {
      if (auto NV = V.getAs<NonLoc>()) {
        SValBuilder &SVB = C.getSValBuilder();
        NonLoc Zero = SVB.makeIntVal(0, T).castAs<NonLoc>();
        auto Neg = SVB.evalBinOpNN(State, BO_LT, *NV, Zero,
                                   SVB.getConditionType())
                       .getAs<DefinedOrUnknownSVal>();
        if (Neg) {
          bool CanNeg = (bool)State->assume(*Neg, true);
          bool CanNonNeg = (bool)State->assume(*Neg, false);
          R = CanNeg && !CanNonNeg   ? Ret::IntNeg
              : !CanNeg && CanNonNeg ? Ret::IntOk
                                     : Ret::IntAny;
          if (R == Ret::IntOk) {
            auto [NonZero, IsZero] = State->assume(*NV);
            IntZero = IsZero && !NonZero   ? IntValue::Zero
                      : NonZero && !IsZero ? IntValue::NonZero
                                           : IntValue::Either;
          }
        } else {
          R = Ret::IntAny;
        }
      } else {
        R = Ret::IntAny;
      }
    }
  }
  State = State->set<InfRet>(unsigned(R));
  State = State->set<InfRetAlias>(AliasParam);
  State = State->set<InfRetMaybeNull>(MaybeNull);
  State = State->set<InfRetFresh>(Fresh);
  State = State->set<InfRetFreshOrStatic>(Fresh || Static);
  State = State->set<InfRetRead>(Read && R == Ret::Borrowed);
  State = State->set<InfRetInt>(unsigned(IntZero));
  bool Memory = false;
  State = State->set<InfRetExc>(excAt(State, &Memory));
  if (R == Ret::New && MaybeNull)
    if (SymbolRef Sym = C.getSVal(RetE).getAsLocSymbol()) {
      const unsigned *Pending = State->get<InfPending>(Sym);
      Memory = Pending && (*Pending & PendingMemory);
    }
  State = State->set<InfRetExcMemory>(Memory);
  C.addTransition(State);
}

void ContractInferenceChecker::checkEndFunction(const ReturnStmt *RS,
                                                CheckerContext &C) const {
  if (!active() || !C.inTopFrame())
    return;
  ProgramStateRef State = C.getState();
  const auto *FD = dyn_cast_or_null<FunctionDecl>(C.getLocationContext()->getDecl());
  if (!FD)
    return;
  PathRecord P;
  P.R = RS ? Ret(State->get<InfRet>()) : Ret::None;
  P.MaybeNull = State->get<InfRetMaybeNull>();
  P.Fresh = State->get<InfRetFresh>();
  P.FreshOrStatic = State->get<InfRetFreshOrStatic>();
  P.BorrowedRead = RS && State->get<InfRetRead>();
  P.Int = RS ? IntValue(State->get<InfRetInt>()) : IntValue::Either;
  if (P.R == Ret::Alias)
    P.AliasParam = State->get<InfRetAlias>();
  P.Exc = RS ? State->get<InfRetExc>() : excAt(State, &P.ExcMemory);
  if (RS)
    P.ExcMemory = State->get<InfRetExcMemory>();
  P.Entry = State->get<InfEntry>();
  P.Params.resize(FD->getNumParams());
  P.ParamNull.resize(FD->getNumParams());
  for (auto [Sym, F] : State->get<InfFx>())
    if (F.Param >= 0 && unsigned(F.Param) < P.Params.size()) {
      P.Params[F.Param] = F;
      P.ParamNull[F.Param] =
          F.WasNull ||
          State->getConstraintManager().isNull(State, Sym).isConstrainedTrue();
    }
  Paths.push_back(std::move(P));
}

void ContractInferenceChecker::checkDeadSymbols(SymbolReaper &SR,
                                                CheckerContext &C) const {
  if (!active())
    return;
  ProgramStateRef State = C.getState();
  for (auto [Sym, F] : State->get<InfFx>()) {
    if (!SR.isDead(Sym))
      continue;
    if (F.Param < 0) {
      State = State->remove<InfFx>(Sym);
    } else if (!F.WasNull && State->getConstraintManager()
                                 .isNull(State, Sym)
                                 .isConstrainedTrue()) {
      ObjFx N = F;
      N.WasNull = true;
      State = State->set<InfFx>(Sym, N);
    }
  }
  for (SymbolRef Sym : State->get<InfMadeHere>())
    if (SR.isDead(Sym))
      State = State->remove<InfMadeHere>(Sym);
  // A failure must be decided while its symbol lives: decide it now.
  for (auto [Sym, K] : State->get<InfPending>())
    if (SR.isDead(Sym)) {
      ProgramStateRef Tmp = State->remove<InfPending>();
      Tmp = Tmp->set<InfPending>(Sym, K);
      bool Memory = false;
      if (excAt(Tmp->set<InfExc>(ExcClear), &Memory) == ExcSet &&
          State->get<InfExc>() != ExcSet)
        State = State->set<InfExc>(ExcSet)->set<InfExcMemory>(Memory);
      State = State->remove<InfPending>(Sym);
    }
  C.addTransition(State);
}

/// Merges the paths of one function into its contract.
/// "True on success": every path returns a known int >= 0, 0 with an
/// exception set and non-zero with none (python-ldap's
/// LDAPControls_from_object). Callers test `if (!f(...)) return NULL;`.
static bool isZeroOnFailure(const std::vector<PathRecord> &Paths) {
  bool Zero = false, NonZero = false;
  for (const PathRecord &P : Paths) {
    if (P.R != Ret::IntOk || P.Int == IntValue::Either)
      return false;
    bool IsZero = P.Int == IntValue::Zero;
    if (P.Exc != (IsZero ? ExcSet : ExcClear))
      return false;
    Zero |= IsZero;
    NonZero |= !IsZero;
  }
  return Zero && NonZero;
}

/// "Non-zero iff an exception was set when called": every path asked
/// PyErr_Occurred() before anything could change the answer, and returns
/// 0 when there was none and a non-zero int when there was one. Such a
/// helper translates the exception (pygit2's git_error_for_exc returns a
/// libgit2 error code, and may clear it); callers test
/// `if (helper() != 0)` right after the call that may have failed.
static bool answersEntryQuery(const std::vector<PathRecord> &Paths) {
  bool Set = false, Clear = false;
  for (const PathRecord &P : Paths) {
    if (P.Entry == EntryClear) {
      if (P.R != Ret::IntOk || P.Int != IntValue::Zero || P.Exc != ExcClear)
        return false;
      Clear = true;
    } else if (P.Entry == EntrySet) {
      if (P.R != Ret::IntNeg &&
          (P.R != Ret::IntOk || P.Int != IntValue::NonZero))
        return false;
      Set = true;
    } else {
      return false;
    }
  }
  return Set && Clear;
}

/// Whether every path ends with the exception state E.
static bool everyPathEnds(const std::vector<PathRecord> &Paths, unsigned E) {
  return llvm::all_of(Paths, [E](const PathRecord &P) { return P.Exc == E; });
}

/// What is known of FD when none of its paths was seen to its end: its
/// objects' fate and its result are unknown.
static InferredContract unknownContract(const FunctionDecl *FD) {
  InferredContract Out;
  FunctionSpec &S = Out.Spec;
  S.Name = contractName(FD);
  S.From = Source::Inferred;
  for (unsigned I = 0; I < FD->getNumParams(); ++I)
    if (isPyObjectPointerType(FD->getParamDecl(I)->getType()))
      S.UnknownArgs.push_back(I);
  bool Object = isPyObjectPointerType(FD->getReturnType());
  S.Return = Object ? ReturnKind::Unknown : ReturnKind::NotAnObject;
  S.CanFail = true;
  return Out;
}

static std::optional<InferredContract>
mergePaths(const FunctionDecl *FD, std::vector<PathRecord> Paths,
           bool Complete) {
  if (Paths.empty())
    return std::nullopt;
  // "Returns its argument i" when every path that returns an object hands
  // back the same parameter, untouched. Otherwise a parameter handed back
  // is the caller's reference, consumed and returned as a new one.
  std::optional<int> Alias;
  for (const PathRecord &P : Paths) {
    if (P.R == Ret::Null)
      continue;
    if (P.R != Ret::Alias || (Alias && *Alias != P.AliasParam)) {
      Alias = -1;
      break;
    }
    Alias = P.AliasParam;
  }
  // The parameters some path hands back, where others do not.
  llvm::SmallSet<unsigned, 2> HandedBack;
  if (!Complete || !Alias || *Alias < 0) {
    Alias.reset();
    for (PathRecord &P : Paths)
      if (P.R == Ret::Alias) {
        P.R = Ret::New;
        if (P.AliasParam >= 0 && unsigned(P.AliasParam) < P.Params.size()) {
          P.Params[P.AliasParam].Net -= 1;
          HandedBack.insert(P.AliasParam);
        }
      }
  }
  InferredContract Out;
  FunctionSpec &S = Out.Spec;
  S.Name = contractName(FD);
  S.From = Source::Inferred;
  bool Object = isPyObjectPointerType(FD->getReturnType());
  bool Int = FD->getReturnType()->isIntegerType();
  auto Fails = [&](const PathRecord &P) {
    return P.R == Ret::Null || P.R == Ret::IntNeg;
  };
  auto Succeeds = [&](const PathRecord &P) {
    return !Fails(P) && P.R != Ret::IntAny;
  };

  // Parameters.
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    if (!isPyObjectPointerType(FD->getParamDecl(I)->getType()))
      continue;
    if (!Complete) {
      S.UnknownArgs.push_back(I);
      continue;
    }
    bool Lost = false, Kept = false, Taken = false, KeptOnSuccess = false,
         TakenOnFailure = false, TakenOnSuccess = false,
         KeptOnFailure = false, Ambiguous = false;
    for (const PathRecord &P : Paths) {
      const ObjFx &F = P.Params[I];
      if (P.ParamNull[I])
        continue; // no reference to take or keep
      Lost |= F.Lost;
      // A helper's own leak (+1) or over-release (-2) is reported in its
      // file; for the caller the reference is kept, or consumed.
      bool Consumed = F.Net < 0;
      Taken |= Consumed;
      Kept |= !Consumed;
      KeptOnSuccess |= !Consumed && Succeeds(P);
      TakenOnFailure |= Consumed && Fails(P);
      TakenOnSuccess |= Consumed && Succeeds(P);
      KeptOnFailure |= !Consumed && Fails(P);
      Ambiguous |= P.R == Ret::IntAny;
    }
    if (Lost)
      S.UnknownArgs.push_back(I);
    else if (Taken && !Kept)
      S.Steals.push_back({I, StealKind::Always});
    else if (Taken && Kept) {
      // Which paths took it is told by the result: the caller can follow.
      if ((Int || Object) && !KeptOnSuccess && !TakenOnFailure && !Ambiguous)
        S.Steals.push_back({I, StealKind::OnSuccess});
      else if ((Int || Object) && !TakenOnSuccess && !KeptOnFailure &&
               !Ambiguous)
        S.Steals.push_back({I, StealKind::OnFailure});
      else
        S.UnknownArgs.push_back(I);
    }
  }

  // The result.
  if (Object) {
    // A parameter handed back on some paths and neither taken nor kept by
    // a rule the caller can follow on the others (cvxopt's
    // create_indexlist returns its argument, borrowed, when it is a
    // matrix, and a new matrix otherwise): the caller cannot tell whether
    // it got its own object back, so the result is not judged either.
    bool Unknown = !Complete || llvm::any_of(HandedBack, [&](unsigned I) {
      return llvm::is_contained(S.UnknownArgs, I);
    });
    bool New = false, Borrowed = false, Null = false, MaybeNull = false;
    for (const PathRecord &P : Paths) {
      New |= P.R == Ret::New;
      Borrowed |= P.R == Ret::Borrowed;
      Unknown |= P.R == Ret::Unknown || P.R == Ret::None;
      Null |= P.R == Ret::Null;
      MaybeNull |= P.MaybeNull;
    }
    if (Alias) {
      // NULL handed back means NULL passed: only an explicit NULL fails.
      S.Return = ReturnKind::Alias;
      S.AliasArg = unsigned(*Alias);
      MaybeNull = false;
    } else if (Unknown || (New && Borrowed))
      S.Return = ReturnKind::Unknown;
    else if (New) {
      S.Return = ReturnKind::NewRef;
      S.FreshResult = llvm::all_of(Paths, [](const PathRecord &P) {
        return P.R == Ret::Null || (P.R == Ret::New && P.Fresh);
      });
      S.FreshOrStatic = llvm::all_of(Paths, [](const PathRecord &P) {
        return P.R == Ret::Null || (P.R == Ret::New && P.FreshOrStatic);
      });
    }
    else if (Borrowed)
      S.Return = ReturnKind::Borrowed;
    else
      S.Return = ReturnKind::AlwaysNull;
    S.CanFail = Null || MaybeNull;
  } else {
    S.Return = ReturnKind::NotAnObject;
    // An exploration cut short (or whose paths all ended at a loop bound
    // but the failing ones: python-gammu's gammu_create_errors, which
    // returns 0 with an exception on each failure and 1 after a loop over
    // every error code) has not seen every way it returns: not "never
    // fails".
    S.CanFail =
        (!Complete && Int) || llvm::any_of(Paths, [](const PathRecord &P) {
          return P.R == Ret::IntNeg || P.R == Ret::IntAny;
        });
  }

  // The error convention, from the paths that fail.
  if (Complete && (Object || Int)) {
    bool AllFail = true, AnyFail = false, Set = false, Clear = false,
         Unknown = false;
    for (const PathRecord &P : Paths) {
      bool F = Fails(P);
      AllFail &= F;
      AnyFail |= F;
      if (P.R == Ret::IntAny && Int)
        Unknown = true;
      if (!F)
        continue;
      Set |= P.Exc == ExcSet;
      Clear |= P.Exc == ExcClear;
      Unknown |= P.Exc == ExcUnknown;
    }
    bool AllClear = everyPathEnds(Paths, ExcClear);
    if (!AnyFail) {
      if (!Unknown && !(Object && S.CanFail) && AllClear)
        Out.Error = ErrorKind::NoEffect;
      else if (Int && isZeroOnFailure(Paths)) {
        Out.Error = ErrorKind::ZeroSets;
        S.CanFail = true;
      } else if (!AllClear && !(Object && S.CanFail))
        // Returns normally with an exception set on some path: what its
        // result says about the exception is not known.
        Out.Error = ErrorKind::Unknown;
    } else if (!Unknown && Set && !Clear) {
      Out.Error = Object ? (AllFail ? ErrorKind::AlwaysSets
                                    : ErrorKind::NullSets)
                         : ErrorKind::NegSets;
      // Every failure is a memory error (a NULL from PyList_New passed
      // on): callers' paths through it are allocation failures.
      Out.FailsOnlyOnMemory =
          !AllFail && llvm::all_of(Paths, [&](const PathRecord &P) {
            return !Fails(P) || P.ExcMemory;
          });
    } else if (!Unknown && Clear && !Set) {
      // Fails without an exception: for an int, the exception state is
      // untouched (callers must set one).
      Out.Error = Object ? ErrorKind::NullNoSet : ErrorKind::NoEffect;
    } else if (!Unknown && Set && Clear && Object) {
      Out.Error = ErrorKind::NullMaybeSets;
    }
    // A New result from a call that may fail: NULL with its exception.
    if (!AnyFail && Object && S.CanFail) {
      bool AllNewFromCalls = true;
      for (const PathRecord &P : Paths)
        AllNewFromCalls &= P.R == Ret::New;
      if (AllNewFromCalls && !Unknown) {
        Out.Error = ErrorKind::NullSets;
        Out.FailsOnlyOnMemory = llvm::all_of(Paths, [](const PathRecord &P) {
          return !P.MaybeNull || P.ExcMemory;
        });
      }
    }
    if (Int && answersEntryQuery(Paths)) {
      Out.Error = ErrorKind::Occurred;
      S.CanFail = true;
    }
  } else if (Complete && FD->getReturnType()->isVoidType() && !Paths.empty()) {
    // A void helper: it raises on every path (an error reporter), leaves
    // the exception alone on every path (no-effect follows from "cannot
    // fail"), or does either.
    if (everyPathEnds(Paths, ExcSet))
      Out.Error = ErrorKind::AlwaysSets;
    else if (!everyPathEnds(Paths, ExcClear))
      Out.Error = ErrorKind::Unknown;
  }
  return Out;
}

void ContractInferenceChecker::checkEndAnalysis(ExplodedGraph &G,
                                                BugReporter &BR,
                                                ExprEngine &Eng) const {
  reportExploration(G, Eng);
  if (!active()) {
    Paths.clear();
    WaitedOnHelper = WaitedWithObject = false;
    return;
  }
  const Decl *D = nullptr;
  if (G.num_roots())
    D = (*G.roots_begin())->getLocationContext()->getDecl();
  const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
  InferenceStep Step = stepOf(FD, Eng);
  if (Config->Memo && FD)
    Config->Memo->explored(FD, Step);
  apply(Step);
}

InferenceStep ContractInferenceChecker::stepOf(const FunctionDecl *FD,
                                               ExprEngine &Eng) const {
  InferenceStep Step;
  auto Add = [&](InferenceStep::Kind K, InferredContract C) {
    Step.Changes.push_back({K, std::move(C)});
  };
  std::vector<PathRecord> Ps = std::move(Paths);
  Paths.clear();
  bool Waited = std::exchange(WaitedOnHelper, false);
  bool WaitedObject = std::exchange(WaitedWithObject, false);
  SmallVector<std::string, 1> Keys = boundKeys(FD);
  // A static helper the analysis will not follow: its contract stays in
  // this parse, for the analysis after it.
  bool UnitLocal = Config->InferUnitLocal && Keys.empty() && unitHelper(FD);
  // The second round of the helpers has no word on those it did not
  // explore again.
  if (UnitLocal && Config->HelperRedo &&
      !Config->HelperRedo->contains(contractName(FD)))
    return Step;
  bool Named = UnitLocal || (!Config->InferUnitLocalOnly && wantsContract(FD));
  if (Config->InferUnitLocalOnly)
    llvm::erase_if(Keys, [&](StringRef K) { return !unitField(FD, K); });
  if (!Named && Keys.empty())
    return Step;
  bool Complete = Eng.hasEmptyWorkList();
  // A loop of a fixed count longer than the inference's two passes (`for
  // (i = 0; i < 3; i++)`) ends at the loop bound every path that goes
  // through it: the paths left are those that failed on the way, and
  // "always fails" (a NULL result) would be wrong. Like an exploration cut
  // short, that says nothing of the paths lost.
  if (Complete && !Ps.empty() && Eng.wasBlocksExhausted() &&
      everyPathEnds(Ps, ExcSet))
    Complete = false;
  std::optional<InferredContract> IC =
      // Paths cut at the loop bound are dropped, as in any analysis; a
      // function whose exploration ran out of budget with work left is not
      // known well enough.
      mergePaths(FD, Ps, Complete);
  // An exploration cut short by its budget: the inference explores callees
  // first and no longer enters this function at the calls that follow
  // (InferenceConsumer), which read what is known of it: nothing. Not a
  // contract for the analysis (below, a static helper's shape says more).
  if (!Complete && FD &&
      inferenceReadsOwnContracts(FD->getASTContext().getLangOpts())) {
    InferredContract Kept = IC ? *IC : unknownContract(FD);
    Kept.Spec.Name = contractName(FD);
    Add(InferenceStep::Kind::Keep, std::move(Kept));
  }
  // The second round explores again only the helpers whose first contract
  // the waited helper's may change: an object handed to it, a result or an
  // error convention left unknown (a helper that only calls another one
  // for a value it does not return keeps its first contract); and not one
  // whose exploration ran out of budget, as it would again.
  if (UnitLocal && Waited && Complete && Config->WaitedSink &&
      (WaitedObject || !IC || !IC->Error || *IC->Error == ErrorKind::Unknown ||
       IC->Spec.Return == ReturnKind::Unknown ||
       llvm::any_of(Ps,
                    [](const PathRecord &P) { return P.R == Ret::Unknown; }))) {
    InferredContract W;
    W.Spec.Name = contractName(FD);
    Add(InferenceStep::Kind::Waited, std::move(W));
  }
  if (!IC)
    return Step;
  // A helper's contract replaces the rules that read its body's shape
  // (RefSummaryManager::summarize) only where it knows better: not where
  // its paths disagree on the result, a new reference on some and a
  // borrowed one on others (Py_None returned bare, `_ssl.c`'s certificate
  // helpers; an unknown result from a call it made stays unknown), nor
  // where it calls borrowed what was read from memory, which the body may
  // have taken over, as it writes to memory too (`item = q->last; q->last =
  // NULL;`, a pop through an index the body moves; not pyodbc's lookup in
  // a global table of exception classes).
  // An exploration cut short that saw a borrowed result already tells that
  // the new reference the shape would say is wrong on some paths.
  if (UnitLocal &&
      ((IC->Spec.Return == ReturnKind::Unknown &&
        llvm::none_of(Ps,
                      [&](const PathRecord &P) {
                        return P.R == Ret::Unknown ||
                               (!Complete && P.R == Ret::Borrowed);
                      })) ||
       (IC->Spec.Return == ReturnKind::Borrowed &&
        llvm::any_of(Ps, [](const PathRecord &P) { return P.BorrowedRead; }) &&
        writesMemory(FD))))
    return Step;
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  PresumedLoc PL = SM.getPresumedLoc(SM.getExpansionLoc(FD->getLocation()));
  if (PL.isValid())
    IC->Spec.Origin =
        (Twine(PL.getFilename()) + ":" + Twine(PL.getLine())).str();
  // Each callback field it is stored in: the functions stored there, as
  // one contract (a static function is filed under its fields only, as its
  // name may mean another function in another file).
  for (const std::string &Key : Keys) {
    InferredContract FC = *IC;
    FC.Spec.Name = Key;
    Add(InferenceStep::Kind::MergeField, std::move(FC));
  }
  if (Named)
    Add(InferenceStep::Kind::Set, std::move(*IC));
  return Step;
}

void ContractInferenceChecker::apply(const InferenceStep &Step) const {
  for (const InferenceStep::Change &Ch : Step.Changes) {
    const InferredContract &C = Ch.C;
    switch (Ch.K) {
    case InferenceStep::Kind::Keep:
      Local.try_emplace(C.Spec.Name, C);
      break;
    case InferenceStep::Kind::Waited:
      if (Config->WaitedSink)
        Config->WaitedSink->insert(C.Spec.Name);
      break;
    case InferenceStep::Kind::MergeField: {
      auto [It, New] = Local.try_emplace(C.Spec.Name, C);
      if (!New)
        mergeAlternative(It->second, C);
      if (!Config->InferredSink)
        break;
      auto Old =
          llvm::find_if(*Config->InferredSink, [&](const InferredContract &E) {
            return E.Spec.Name == C.Spec.Name;
          });
      if (Old != Config->InferredSink->end())
        *Old = It->second;
      else
        Config->InferredSink->push_back(It->second);
      break;
    }
    case InferenceStep::Kind::Set:
      Local[C.Spec.Name] = C;
      if (Config->InferredSink)
        Config->InferredSink->push_back(C);
      break;
    }
  }
}

//===----------------------------------------------------------------------===//
// Registration
//===----------------------------------------------------------------------===//

static void registerContractInference(CheckerManager &Mgr) {
  auto *C = Mgr.registerChecker<ContractInferenceChecker>();
  C->Config = activeCheckerConfig();
  C->Summaries.reset(C->Config);
  if (C->Config && C->Config->Memo)
    C->Config->Memo->attach([C](const InferenceStep &S) { C->apply(S); },
                            &C->known());
}

static bool shouldRegisterContractInference(const CheckerManager &) {
  return true;
}

void refcheck::registerContractInferenceChecker(CheckerRegistry &Registry) {
  Registry.addChecker(registerContractInference,
                      shouldRegisterContractInference,
                      ContractInferenceName,
                      "Infers the reference contracts of a project's "
                      "functions (inference mode only)",
                      "docs/api-model.md", /*IsHidden=*/true);
}

InferenceMemo::~InferenceMemo() = default;
