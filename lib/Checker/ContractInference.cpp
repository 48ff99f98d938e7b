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
#include "refcheck/Checker.h"

#include "clang/AST/Attr.h"
#include "clang/Lex/Lexer.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallDescription.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExprEngine.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"

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
};

/// The thread's exception state, as far as this checker follows it.
enum ExcState : unsigned { ExcClear = 0, ExcSet = 1, ExcUnknown = 2 };

enum class Op { Incref, XIncref, Decref, XDecref, NewRef, XNewRef, Dealloc };

struct PathRecord {
  Ret R = Ret::None;
  bool MaybeNull = false; ///< a New result not known to be non-NULL
  unsigned Exc = ExcClear;
  SmallVector<ObjFx, 4> Params;
  /// Per parameter: NULL on this path, so there was no reference to take.
  SmallVector<bool, 4> ParamNull;
};
} // namespace

REGISTER_MAP_WITH_PROGRAMSTATE(InfFx, SymbolRef, ObjFx)
/// References taken on statically allocated objects (Py_None).
REGISTER_MAP_WITH_PROGRAMSTATE(InfStatic, const MemRegion *, int)
REGISTER_TRAIT_WITH_PROGRAMSTATE(InfExc, unsigned)
/// Results of calls that report failure by their value: their failure sets
/// the exception.
REGISTER_MAP_WITH_PROGRAMSTATE(InfPending, SymbolRef, unsigned)
/// Set by the top frame's return statement, read at the end of the path.
REGISTER_TRAIT_WITH_PROGRAMSTATE(InfRet, unsigned)
REGISTER_TRAIT_WITH_PROGRAMSTATE(InfRetMaybeNull, bool)
REGISTER_TRAIT_WITH_PROGRAMSTATE(InfRetExc, unsigned)

namespace {
class ContractInferenceChecker
    : public Checker<check::BeginFunction, check::PostCall, check::Bind,
                     check::PreStmt<ReturnStmt>, check::EndFunction,
                     check::EndAnalysis, check::DeadSymbols,
                     check::PointerEscape, eval::Call> {
  const CallDescriptionMap<Op> Ops = {
      {{CDM::SimpleFunc, {"Py_INCREF"}}, Op::Incref},
      {{CDM::SimpleFunc, {"_Py_INCREF"}}, Op::Incref},
      {{CDM::SimpleFunc, {"Py_IncRef"}}, Op::Incref},
      {{CDM::SimpleFunc, {"Py_XINCREF"}}, Op::XIncref},
      {{CDM::SimpleFunc, {"_Py_XINCREF"}}, Op::XIncref},
      {{CDM::SimpleFunc, {"Py_DECREF"}}, Op::Decref},
      {{CDM::SimpleFunc, {"_Py_DECREF"}}, Op::Decref},
      {{CDM::SimpleFunc, {"Py_DecRef"}}, Op::XDecref},
      {{CDM::SimpleFunc, {"Py_XDECREF"}}, Op::XDecref},
      {{CDM::SimpleFunc, {"_Py_XDECREF"}}, Op::XDecref},
      {{CDM::SimpleFunc, {"Py_NewRef"}}, Op::NewRef},
      {{CDM::SimpleFunc, {"_Py_NewRef"}}, Op::NewRef},
      {{CDM::SimpleFunc, {"Py_XNewRef"}}, Op::XNewRef},
      {{CDM::SimpleFunc, {"_Py_XNewRef"}}, Op::XNewRef},
      {{CDM::SimpleFunc, {"_Py_Dealloc"}}, Op::Dealloc},
  };
  /// The paths of the top-level function being analysed.
  mutable std::vector<PathRecord> Paths;
  /// Contracts inferred earlier in this file (callees come first).
  mutable llvm::StringMap<InferredContract> Local;

public:
  const CheckerConfig *Config = nullptr;

  bool active() const { return Config && Config->InferContracts; }
  void checkBeginFunction(CheckerContext &C) const;
  bool evalCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  void checkPreStmt(const ReturnStmt *RS, CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;
  void checkEndAnalysis(ExplodedGraph &G, BugReporter &BR,
                        ExprEngine &Eng) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;
  ProgramStateRef checkPointerEscape(ProgramStateRef State,
                                     const InvalidatedSymbols &Escaped,
                                     const CallEvent *Call,
                                     PointerEscapeKind Kind) const;

private:
  const FunctionSpec *specFor(const FunctionDecl *FD) const;
  ProgramStateRef adjust(ProgramStateRef State, SymbolRef Sym, int By,
                         bool Create = false) const;
  ProgramStateRef lose(ProgramStateRef State, SymbolRef Sym) const;
  unsigned excAt(ProgramStateRef State) const;
};
} // namespace

/// Whether D is a function another file may call, worth a contract: defined
/// in the main file, visible outside it, with an object among its
/// parameters or as its result.
bool refcheck::wantsContract(const FunctionDecl *FD) {
  if (!FD || !FD->hasBody() || !FD->isExternallyVisible() ||
      isa<CXXDestructorDecl>(FD))
    return false;
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  if (!SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
    return false;
  if (isPyObjectPointerType(FD->getReturnType()))
    return true;
  return llvm::any_of(FD->parameters(), [](const ParmVarDecl *P) {
    return isPyObjectPointerType(P->getType());
  });
}

/// The name a contract is filed under: the identifier for C functions,
/// the qualified name for C++ members (which only annotations reach).
std::string refcheck::contractName(const FunctionDecl *FD) {
  if (isa<CXXMethodDecl>(FD) || !FD->getIdentifier())
    return FD->getQualifiedNameAsString();
  return FD->getName().str();
}

const FunctionSpec *
ContractInferenceChecker::specFor(const FunctionDecl *FD) const {
  if (!FD)
    return nullptr;
  std::string Name = contractName(FD);
  auto It = Local.find(Name);
  if (It != Local.end())
    return &It->second.Spec;
  return functionSpecFor(Config->Model, Name);
}

void ContractInferenceChecker::checkBeginFunction(CheckerContext &C) const {
  if (!active() || !C.inTopFrame())
    return;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(C.getLocationContext()->getDecl());
  if (!wantsContract(FD)) {
    // Not worth exploring: no other file can call it.
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
  const Op *O = Ops.lookup(Call);
  const Expr *CE = Call.getOriginExpr();
  if (!O || Call.getNumArgs() == 0 || !CE)
    return false;
  ProgramStateRef State = C.getState();
  SVal Obj = Call.getArgSVal(Call.getNumArgs() - 1);
  if (*O == Op::Dealloc) {
    C.addTransition(State);
    return true;
  }
  if (*O == Op::NewRef || *O == Op::XNewRef)
    State = State->BindExpr(CE, C.getLocationContext(), Obj);
  if (*O == Op::XIncref || *O == Op::XDecref || *O == Op::XNewRef)
    if (auto DV = Obj.getAs<DefinedOrUnknownSVal>()) {
      auto [NonNull, Null] = State->assume(*DV);
      if (Null)
        C.addTransition(Null);
      if (!NonNull)
        return true;
      State = NonNull;
    }
  int By = (*O == Op::Decref || *O == Op::XDecref) ? -1 : 1;
  if (SymbolRef Sym = Obj.getAsLocSymbol()) {
    State = adjust(State, Sym, By, /*Create=*/By > 0);
  } else if (const MemRegion *R = Obj.getAsRegion();
             R && isa<NonParamVarRegion>(R->StripCasts())) {
    R = R->StripCasts();
    const int *N = State->get<InfStatic>(R);
    int V = (N ? *N : 0) + By;
    State = V ? State->set<InfStatic>(R, V) : State->remove<InfStatic>(R);
  }
  C.addTransition(State);
  return true;
}

/// Failure values of calls whose failure sets the exception.
static bool setsOnFailure(ErrorKind K) {
  return K == ErrorKind::NullSets || K == ErrorKind::NegSets ||
         K == ErrorKind::ZeroSets;
}

void ContractInferenceChecker::checkPostCall(const CallEvent &Call,
                                             CheckerContext &C) const {
  if (!active() || C.wasInlined || Ops.lookup(Call))
    return;
  ProgramStateRef State = C.getState();
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  const FunctionSpec *Spec = specFor(FD);
  SVal Ret = Call.getReturnValue();
  if (!Spec && FD && !FD->hasBody() && Config->ProjectFunctions &&
      Config->ProjectFunctions->contains(contractName(FD))) {
    // A project function not known yet: a later round counts this path.
    C.generateSink(State, C.getPredecessor());
    return;
  }

  // The exception state.
  StringRef Name = FD && FD->getIdentifier() ? FD->getName() : "";
  ErrorKind EK = Name.empty() ? ErrorKind::Unknown
                              : errorKindFor(Config->Model, Name);
  if (FD)
    if (auto It = Local.find(contractName(FD));
        It != Local.end() && It->second.Error)
      EK = *It->second.Error;
  const SourceManager &SM = C.getSourceManager();
  bool SystemLibc = FD && EK == ErrorKind::Unknown &&
                    SM.isInSystemHeader(FD->getLocation()) &&
                    !Name.starts_with("Py") && !Name.starts_with("_Py");
  if (EK == ErrorKind::AlwaysSets)
    State = State->set<InfExc>(ExcSet);
  else if (EK == ErrorKind::Clears)
    State = State->set<InfExc>(ExcClear);
  else if (setsOnFailure(EK) || EK == ErrorKind::Occurred) {
    if (SymbolRef R = Ret.getAsSymbol())
      State = State->set<InfPending>(R, unsigned(EK));
  } else if (EK == ErrorKind::Unknown && !SystemLibc &&
             EK != ErrorKind::NoEffect)
    State = State->set<InfExc>(ExcUnknown);

  // Arguments.
  SmallVector<unsigned, 2> AnnSteals;
  if (FD)
    for (const auto *A : FD->specific_attrs<AnnotateAttr>())
      if (A->getAnnotation() == "refcheck::steals_arg" && A->args_size() == 1)
        if (std::optional<llvm::APSInt> N =
                (*A->args_begin())->getIntegerConstantExpr(C.getASTContext()))
          if (*N >= 1)
            AnnSteals.push_back(N->getZExtValue() - 1);
  ProgramStateRef OnFailure = nullptr;
  for (unsigned I = 0; I < Call.getNumArgs() && State; ++I) {
    SymbolRef Sym = Call.getArgSVal(I).getAsLocSymbol();
    if (!Sym || !State->get<InfFx>(Sym))
      continue;
    StealKind K = Spec ? Spec->stealOf(I) : StealKind::No;
    if (llvm::is_contained(AnnSteals, I))
      K = StealKind::Always;
    if (Spec && llvm::is_contained(Spec->UnknownArgs, I)) {
      State = lose(State, Sym);
      continue;
    }
    if (K == StealKind::Always) {
      State = adjust(State, Sym, -1);
    } else if (K == StealKind::OnSuccess) {
      auto DRet = Ret.getAs<DefinedOrUnknownSVal>();
      if (!DRet || !Call.getResultType()->isIntegerType()) {
        State = lose(State, Sym);
        continue;
      }
      SValBuilder &SVB = C.getSValBuilder();
      auto IsZero = SVB.evalEQ(State, *DRet,
                               SVB.makeIntVal(0, Call.getResultType()));
      auto IsNeg = SVB.evalEQ(State, *DRet,
                              SVB.makeIntVal(-1, Call.getResultType()));
      ProgramStateRef Succ = State->assume(IsZero, true);
      ProgramStateRef Fail = State->assume(IsNeg, true);
      if (Fail)
        OnFailure = Fail;
      State = Succ ? adjust(Succ, Sym, -1) : nullptr;
    }
  }
  // Py_BuildValue's 'N' steals; a format we cannot read may steal anything.
  if (State && Spec && Spec->Format == FormatStyle::BuildValue &&
      Spec->FormatArg < Call.getNumArgs()) {
    const auto *SL = dyn_cast<StringLiteral>(
        Call.getArgExpr(Spec->FormatArg)->IgnoreParenImpCasts());
    bool Ok = false;
    std::vector<FormatItem> Items;
    if (SL && SL->getCharByteWidth() == 1)
      Items = parseFormat(SL->getString(), Spec->Format, Ok);
    unsigned Arg = Spec->FormatArg + 1;
    if (!Ok) {
      for (unsigned I = Arg; I < Call.getNumArgs(); ++I)
        State = lose(State, Call.getArgSVal(I).getAsLocSymbol());
    }
    for (const FormatItem &It : Items) {
      unsigned ObjArg = Arg + It.ObjectArg;
      Arg += It.NumArgs;
      if (ObjArg >= Call.getNumArgs())
        break;
      if (It.IsObject && It.Steals)
        State = adjust(State, Call.getArgSVal(ObjArg).getAsLocSymbol(), -1);
    }
  }

  // The result.
  if (State && isPyObjectPointerType(Call.getResultType())) {
    ReturnKind RK = Spec ? Spec->Return : ReturnKind::NewRef;
    if (FD)
      for (const auto *A : FD->specific_attrs<AnnotateAttr>()) {
        if (A->getAnnotation() == "refcheck::returns_borrowed")
          RK = ReturnKind::Borrowed;
        else if (A->getAnnotation() == "refcheck::returns_new")
          RK = ReturnKind::NewRef;
      }
    if (RK == ReturnKind::NotAnObject)
      RK = ReturnKind::NewRef;
    if (SymbolRef Sym = Ret.getAsLocSymbol(); Sym && !State->get<InfFx>(Sym)) {
      ObjFx F;
      if (RK == ReturnKind::NewRef)
        F.Net = 1;
      else if (RK == ReturnKind::Unknown)
        F.UnknownOrigin = true;
      if (RK == ReturnKind::AlwaysNull) {
        if (auto N = State->assume(Ret.castAs<DefinedOrUnknownSVal>(), false))
          State = N;
      } else {
        State = State->set<InfFx>(Sym, F);
        if (Spec && !Spec->CanFail)
          if (auto NN = State->assume(Ret.castAs<DefinedOrUnknownSVal>(), true))
            State = NN;
      }
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
  if (!Sym || !R)
    return;
  ProgramStateRef State = C.getState();
  if (!State->get<InfFx>(Sym))
    return;
  // Locals of any frame hold no reference of their own.
  if (isa<StackSpaceRegion>(R->getMemorySpace()))
    return;
  C.addTransition(adjust(State, Sym, -1));
}

ProgramStateRef ContractInferenceChecker::checkPointerEscape(
    ProgramStateRef State, const InvalidatedSymbols &Escaped,
    const CallEvent *Call, PointerEscapeKind Kind) const {
  if (!active() || Kind != PSK_DirectEscapeOnCall || !Call)
    return State;
  // An object handed over as something else (void*, an integer) can no
  // longer be followed.
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call->getDecl());
  for (unsigned I = 0, E = Call->getNumArgs(); I != E; ++I) {
    SymbolRef Sym = Call->getArgSVal(I).getAsLocSymbol();
    if (!Sym || !Escaped.count(Sym))
      continue;
    QualType T = FD && I < FD->getNumParams() ? FD->getParamDecl(I)->getType()
                                              : Call->getArgExpr(I)->getType();
    if (!isPyObjectPointerType(T))
      State = lose(State, Sym);
  }
  return State;
}

unsigned ContractInferenceChecker::excAt(ProgramStateRef State) const {
  unsigned E = State->get<InfExc>();
  if (E == ExcSet)
    return E;
  // A failed call whose failure sets the exception.
  for (auto [Sym, Kind] : State->get<InfPending>()) {
    ConstraintManager &CM = State->getConstraintManager();
    ConditionTruthVal Null = CM.isNull(State, Sym);
    if (ErrorKind(Kind) == ErrorKind::Occurred) {
      // PyErr_Occurred() was non-NULL on this path.
      if (Null.isConstrainedFalse())
        return ExcSet;
    } else if (ErrorKind(Kind) == ErrorKind::NullSets ||
               ErrorKind(Kind) == ErrorKind::ZeroSets) {
      if (Null.isConstrainedTrue())
        return ExcSet;
    } else if (ErrorKind(Kind) == ErrorKind::NegSets) {
      SValBuilder &SVB = State->getStateManager().getSValBuilder();
      QualType T = Sym->getType();
      if (!T->isIntegerType())
        continue;
      SVal Neg = SVB.evalBinOp(State, BO_LT, SVB.makeSymbolVal(Sym),
                               SVB.makeIntVal(0, T), SVB.getConditionType());
      if (auto DV = Neg.getAs<DefinedOrUnknownSVal>())
        if (State->assume(*DV, true) && !State->assume(*DV, false))
          return ExcSet;
    }
  }
  return E;
}

void ContractInferenceChecker::checkPreStmt(const ReturnStmt *RS,
                                            CheckerContext &C) const {
  if (!active() || !C.inTopFrame())
    return;
  ProgramStateRef State = C.getState();
  const Expr *RetE = RS->getRetValue();
  Ret R = Ret::None;
  bool MaybeNull = false;
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
          R = Ret::Borrowed;
        } else if (F->UnknownOrigin && F->Param < 0) {
          R = Ret::Unknown;
        } else if (F->Param >= 0 || F->Net >= 1) {
          // A parameter handed back: it carries the caller's reference
          // (or one the function took) to the caller.
          R = F->Param >= 0 && F->Net < 0 ? Ret::Unknown : Ret::New;
          State = adjust(State, Sym, -1);
        } else {
          R = Ret::Borrowed;
        }
        MaybeNull = !IsNull.isConstrainedFalse();
      } else if (const MemRegion *MR = V.getAsRegion()) {
        MR = MR->StripCasts();
        const int *N = State->get<InfStatic>(MR);
        if (N && *N > 0) {
          R = Ret::New;
          State = *N == 1 ? State->remove<InfStatic>(MR)
                          : State->set<InfStatic>(MR, *N - 1);
        } else {
          R = isPyReturnMacro(RS, C.getASTContext()) ? Ret::New : Ret::Borrowed;
        }
      } else {
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
        } else {
          R = Ret::IntAny;
        }
      } else {
        R = Ret::IntAny;
      }
    }
  }
  State = State->set<InfRet>(unsigned(R));
  State = State->set<InfRetMaybeNull>(MaybeNull);
  State = State->set<InfRetExc>(excAt(State));
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
  P.Exc = RS ? State->get<InfRetExc>() : excAt(State);
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
  // A failure must be decided while its symbol lives: decide it now.
  for (auto [Sym, K] : State->get<InfPending>())
    if (SR.isDead(Sym)) {
      ProgramStateRef Tmp = State->remove<InfPending>();
      Tmp = Tmp->set<InfPending>(Sym, K);
      if (excAt(Tmp->set<InfExc>(ExcClear)) == ExcSet)
        State = State->set<InfExc>(ExcSet);
      State = State->remove<InfPending>(Sym);
    }
  C.addTransition(State);
}

/// Merges the paths of one function into its contract.
static std::optional<InferredContract>
mergePaths(const FunctionDecl *FD, ArrayRef<PathRecord> Paths,
           bool Complete) {
  if (Paths.empty())
    return std::nullopt;
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
         TakenOnFailure = false, Ambiguous = false;
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
      Ambiguous |= P.R == Ret::IntAny;
    }
    if (Lost)
      S.UnknownArgs.push_back(I);
    else if (Taken && !Kept)
      S.Steals.push_back({I, StealKind::Always});
    else if (Taken && Kept) {
      if (Int && !KeptOnSuccess && !TakenOnFailure && !Ambiguous)
        S.Steals.push_back({I, StealKind::OnSuccess});
      else
        S.UnknownArgs.push_back(I);
    }
  }

  // The result.
  if (Object) {
    bool New = false, Borrowed = false, Unknown = !Complete, Null = false,
         MaybeNull = false;
    for (const PathRecord &P : Paths) {
      New |= P.R == Ret::New;
      Borrowed |= P.R == Ret::Borrowed;
      Unknown |= P.R == Ret::Unknown || P.R == Ret::None;
      Null |= P.R == Ret::Null;
      MaybeNull |= P.MaybeNull;
    }
    if (Unknown || (New && Borrowed))
      S.Return = ReturnKind::Unknown;
    else if (New)
      S.Return = ReturnKind::NewRef;
    else if (Borrowed)
      S.Return = ReturnKind::Borrowed;
    else
      S.Return = ReturnKind::AlwaysNull;
    S.CanFail = Null || MaybeNull;
  } else {
    S.Return = ReturnKind::NotAnObject;
    S.CanFail = llvm::any_of(Paths, [](const PathRecord &P) {
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
    if (!AnyFail) {
      if (!Unknown && !(Object && S.CanFail))
        Out.Error = ErrorKind::NoEffect;
    } else if (!Unknown && Set && !Clear) {
      Out.Error = Object ? (AllFail ? ErrorKind::AlwaysSets
                                    : ErrorKind::NullSets)
                         : ErrorKind::NegSets;
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
      if (AllNewFromCalls && !Unknown)
        Out.Error = ErrorKind::NullSets;
    }
  }
  return Out;
}

void ContractInferenceChecker::checkEndAnalysis(ExplodedGraph &G,
                                                BugReporter &BR,
                                                ExprEngine &Eng) const {
  if (!active()) {
    Paths.clear();
    return;
  }
  const Decl *D = nullptr;
  if (G.num_roots())
    D = (*G.roots_begin())->getLocationContext()->getDecl();
  const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
  std::vector<PathRecord> Ps = std::move(Paths);
  Paths.clear();
  if (!wantsContract(FD))
    return;
  std::optional<InferredContract> IC =
      // Paths cut at the loop bound are dropped, as in any analysis; a
      // function whose exploration ran out of budget with work left is not
      // known well enough.
      mergePaths(FD, Ps, /*Complete=*/Eng.hasEmptyWorkList());
  if (!IC)
    return;
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  PresumedLoc PL = SM.getPresumedLoc(SM.getExpansionLoc(FD->getLocation()));
  if (PL.isValid())
    IC->Spec.Origin =
        (Twine(PL.getFilename()) + ":" + Twine(PL.getLine())).str();
  Local[IC->Spec.Name] = *IC;
  if (Config->InferredSink)
    Config->InferredSink->push_back(std::move(*IC));
}

//===----------------------------------------------------------------------===//
// Registration
//===----------------------------------------------------------------------===//

static void registerContractInference(CheckerManager &Mgr) {
  auto *C = Mgr.registerChecker<ContractInferenceChecker>();
  C->Config = activeCheckerConfig();
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
