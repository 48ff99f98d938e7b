//===- RefSummary.cpp - What one call does to references ------------------===//
#include "RefSummary.h"
#include "CApiHelpers.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;
using namespace ento;
using namespace refcheck;

/// Whether FD's body is the project's own code: in the file under analysis
/// or in a header that is not a system header (the Python headers of an
/// extension are system headers, treatPythonHeadersAsSystem).
static bool hasProjectBody(const FunctionDecl *FD) {
  const FunctionDecl *Def = FD ? FD->getDefinition() : nullptr;
  if (!Def || !Def->hasBody())
    return false;
  const SourceManager &SM = Def->getASTContext().getSourceManager();
  return !SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation()));
}

RefOpMap refcheck::makeRefOps() {
  return RefOpMap{
      {{CDM::SimpleFunc, {"Py_INCREF"}}, RefOp::Incref},
      {{CDM::SimpleFunc, {"_Py_INCREF"}}, RefOp::Incref},
      {{CDM::SimpleFunc, {"Py_IncRef"}}, RefOp::Incref},
      {{CDM::SimpleFunc, {"Py_XINCREF"}}, RefOp::XIncref},
      {{CDM::SimpleFunc, {"_Py_XINCREF"}}, RefOp::XIncref},
      {{CDM::SimpleFunc, {"Py_DECREF"}}, RefOp::Decref},
      {{CDM::SimpleFunc, {"_Py_DECREF"}}, RefOp::Decref},
      {{CDM::SimpleFunc, {"_Py_IncRef"}}, RefOp::Incref},
      {{CDM::SimpleFunc, {"Py_DecRef"}}, RefOp::XDecref},
      {{CDM::SimpleFunc, {"_Py_DecRef"}}, RefOp::Decref},
      {{CDM::SimpleFunc, {"Py_XDECREF"}}, RefOp::XDecref},
      {{CDM::SimpleFunc, {"_Py_XDECREF"}}, RefOp::XDecref},
      {{CDM::SimpleFunc, {"Py_NewRef"}}, RefOp::NewRef},
      {{CDM::SimpleFunc, {"_Py_NewRef"}}, RefOp::NewRef},
      {{CDM::SimpleFunc, {"Py_XNewRef"}}, RefOp::XNewRef},
      {{CDM::SimpleFunc, {"_Py_XNewRef"}}, RefOp::XNewRef},
      {{CDM::SimpleFunc, {"_Py_Dealloc"}}, RefOp::Dealloc},
  };
}

std::optional<RefOpCall> refcheck::evalRefOp(const RefOpMap &Ops,
                                             const CallEvent &Call,
                                             CheckerContext &C) {
  const RefOp *Op = Ops.lookup(Call);
  const Expr *CE = Call.getOriginExpr();
  if (!Op || Call.getNumArgs() == 0 || !CE)
    return std::nullopt;
  ProgramStateRef State = C.getState();
  SVal Obj = Call.getArgSVal(Call.getNumArgs() - 1);
  RefOpCall R{*Op, Obj, 0, State, nullptr};
  // _Py_Dealloc: the decrement before it did the accounting.
  if (*Op == RefOp::Dealloc)
    return R;
  if (*Op == RefOp::NewRef || *Op == RefOp::XNewRef)
    R.State = State->BindExpr(CE, C.getLocationContext(), Obj);
  R.Delta = (*Op == RefOp::Decref || *Op == RefOp::XDecref) ? -1 : 1;
  if (*Op == RefOp::XIncref || *Op == RefOp::XDecref ||
      *Op == RefOp::XNewRef)
    if (auto DV = Obj.getAs<DefinedOrUnknownSVal>())
      std::tie(R.State, R.NullPath) = R.State->assume(*DV);
  return R;
}

ProgramStateRef refcheck::bindAliasResult(ProgramStateRef State,
                                          const CallSummary &S,
                                          const CallEvent &Call,
                                          CheckerContext &C) {
  if (S.Ret.AliasArg >= Call.getNumArgs())
    return State;
  SVal Ret = Call.getReturnValue();
  if (auto DRet = Ret.getAs<DefinedOrUnknownSVal>(); DRet && S.Ret.CanFail) {
    auto [NonNull, Null] = State->assume(*DRet);
    if (!NonNull)
      return State;
    if (Null)
      C.addTransition(Null);
    State = NonNull;
  }
  SVal Arg = Call.getArgSVal(S.Ret.AliasArg);
  State = State->BindExpr(Call.getOriginExpr(), C.getLocationContext(), Arg);
  if (auto DA = Arg.getAs<DefinedOrUnknownSVal>())
    if (ProgramStateRef NN = State->assume(*DA, true))
      State = NN;
  return State;
}

/// Splits State on the result of a call that can fail: {success, failure}.
/// An int result succeeds with 0 and fails with -1 (no other value is
/// possible); a pointer result fails with NULL.
std::pair<ProgramStateRef, ProgramStateRef>
refcheck::splitOnResult(ProgramStateRef State, const CallEvent &Call, CheckerContext &C) {
  auto DRet = Call.getReturnValue().getAs<DefinedOrUnknownSVal>();
  if (!DRet)
    return {State, nullptr};
  if (Call.getResultType()->isPointerType()) {
    auto [NonNull, Null] = State->assume(*DRet);
    return {NonNull, Null};
  }
  SValBuilder &SVB = C.getSValBuilder();
  auto Zero = SVB.makeZeroVal(Call.getResultType());
  auto IsZero = SVB.evalEQ(State, *DRet, Zero.castAs<DefinedOrUnknownSVal>());
  auto MinusOne = SVB.makeIntVal(-1, Call.getResultType());
  auto IsMinusOne =
      SVB.evalEQ(State, *DRet, MinusOne.castAs<DefinedOrUnknownSVal>());
  return {State->assume(IsZero, true), State->assume(IsMinusOne, true)};
}

std::pair<ProgramStateRef, ProgramStateRef>
refcheck::splitOnNullOuts(ProgramStateRef State, const CallSummary &S,
                          const CallEvent &Call, CheckerContext &C) {
  // Failing is a NULL result, or a negative int (nullOutsOnFailure).
  QualType T = Call.getResultType();
  std::optional<DefinedOrUnknownSVal> Fails =
      S.NullOutOnFailure.empty()
          ? std::nullopt
          : failureCondition(State, Call.getReturnValue(), T,
                             T->isPointerType() ? ErrorKind::NullSets
                                                : ErrorKind::NegSets,
                             C.getSValBuilder());
  if (!Fails)
    return {State, nullptr};
  auto [Fail, Succ] = State->assume(*Fails);
  for (unsigned I : S.NullOutOnFailure)
    if (Fail)
      if (std::optional<DefinedOrUnknownSVal> V = pointeeOf(Fail, Call, I))
        Fail = Fail->assume(*V, false);
  return {Succ, Fail};
}

std::optional<DefinedOrUnknownSVal>
refcheck::pointeeOf(ProgramStateRef State, const CallEvent &Call, unsigned I) {
  auto L = Call.getArgSVal(I).getAs<Loc>();
  if (!L)
    return std::nullopt;
  return State->getSVal(*L).getAs<DefinedOrUnknownSVal>();
}

const MemRegion *refcheck::inPlaceVariable(const CallEvent &Call, unsigned I) {
  if (I >= Call.getNumArgs())
    return nullptr;
  const MemRegion *R = Call.getArgSVal(I).getAsRegion();
  return R && R->hasStackStorage() ? R : nullptr;
}

std::pair<ProgramStateRef, ProgramStateRef>
refcheck::splitInPlace(ProgramStateRef State, const ArgRule &R,
                       const CallSummary &S, const CallEvent &Call,
                       CheckerContext &C, SymbolRef Old) {
  // A void call (PyUnicode_Append) fails by leaving NULL in the variable;
  // one that cannot fail has a single outcome.
  if (!S.Ret.CanFail || !Call.getResultType()->isIntegerType())
    return {State, nullptr};
  auto [Succ, Fail] = splitOnResult(State, Call, C);
  if (Succ)
    if (std::optional<DefinedOrUnknownSVal> V = pointeeOf(Succ, Call, R.Index))
      if (ProgramStateRef NN = Succ->assume(*V, true))
        Succ = NN;
  if (Fail && R.Effect == ArgEffect::InOut) {
    if (std::optional<DefinedOrUnknownSVal> V = pointeeOf(Fail, Call, R.Index))
      Fail = Fail->assume(*V, false);
  } else if (Fail && Old) {
    // Left as it was: the variable holds the old object again.
    Fail = Fail->bindLoc(Call.getArgSVal(R.Index),
                         loc::MemRegionVal(C.getSValBuilder()
                                               .getRegionManager()
                                               .getSymbolicRegion(Old)),
                         C.getLocationContext());
  }
  return {Succ, Fail};
}

bool refcheck::hasUserRefAnnotation(const FunctionDecl *FD) {
  // Written in the source, not added by refcheck from a contract.
  for (const FunctionDecl *D : FD->redecls())
    for (const auto *A : D->specific_attrs<AnnotateAttr>())
      if (!A->isImplicit() &&
          llvm::is_contained({"refcheck::steals_arg", "refcheck::returns_new",
                              "refcheck::returns_borrowed"},
                             A->getAnnotation()))
        return true;
  return false;
}

const FunctionSpec *
RefSummaryManager::specFor(const FunctionDecl *FD) const {
  if (!FD)
    return nullptr;
  // A row written by hand (built in, refcounts.dat, the user's config)
  // describes an API function the file defines better than this parse's
  // inference of its body, which may have been cut short; the analysis
  // reads the row too where it does not follow the body.
  const FunctionSpec *Row =
      Model && FD->getIdentifier()
          ? functionSpecFor(Model, FD->getIdentifier()->getName())
          : nullptr;
  bool HandWritten = Row && Row->From != Source::Inferred;
  // What the user wrote on the declaration overrides what refcheck read
  // from the body: the two together would count each steal twice.
  if (Local && !HandWritten)
    if (auto It = Local->find(contractName(FD)); It != Local->end())
      return hasUserRefAnnotation(FD) ? nullptr : &It->second.Spec;
  if (Helpers && !FD->isExternallyVisible())
    if (auto It = Helpers->find(contractName(FD)); It != Helpers->end())
      return hasUserRefAnnotation(FD) ? nullptr : &It->second->Spec;
  if (Row && Row->From == Source::Inferred && hasUserRefAnnotation(FD))
    return nullptr;
  return Row;
}

const FunctionSpec *RefSummaryManager::specForField(StringRef Key) const {
  if (Local)
    if (auto It = Local->find(Key); It != Local->end())
      return &It->second.Spec;
  if (Own)
    if (auto It = Own->find(Key); It != Own->end())
      return &It->second->Spec;
  return Model ? Model->lookup(Key) : nullptr;
}

ErrorKind RefSummaryManager::fieldErrorKind(StringRef Key) const {
  if (Local)
    if (auto It = Local->find(Key); It != Local->end() && It->second.Error)
      return *It->second.Error;
  if (Own)
    if (auto It = Own->find(Key); It != Own->end() && It->second->Error)
      return *It->second->Error;
  return errorKindFor(Model, Key);
}

SmallVector<unsigned, 2>
RefSummaryManager::annotatedSteals(const FunctionDecl *FD, bool Sometimes) {
  SmallVector<unsigned, 2> Out;
  if (!FD)
    return Out;
  StringRef Name =
      Sometimes ? "refcheck::steals_arg_sometimes" : "refcheck::steals_arg";
  for (const auto *A : FD->specific_attrs<AnnotateAttr>()) {
    if (A->getAnnotation() != Name || A->args_size() != 1)
      continue;
    if (std::optional<llvm::APSInt> N =
            (*A->args_begin())->getIntegerConstantExpr(FD->getASTContext()))
      if (*N >= 1 && !llvm::is_contained(Out, N->getZExtValue() - 1))
        Out.push_back(N->getZExtValue() - 1);
  }
  return Out;
}

bool RefSummaryManager::isInlineStealer(const CallEvent &Call,
                                        const FunctionSpec *Spec) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  return Spec && !Spec->Steals.empty() && FD && FD->hasBody() &&
         Call.getOriginExpr();
}

bool RefSummaryManager::isModelledShim(const CallEvent &Call,
                                       const FunctionSpec *Spec) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!Spec || Spec->From == Source::Inferred || !FD || !FD->hasBody() ||
      !Call.getOriginExpr())
    return false;
  // The file's own definition of an API name is its own code: inline it.
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  return !SM.isInMainFile(SM.getExpansionLoc(FD->getLocation()));
}

ProgramStateRef refcheck::bindConjuredResult(const CallEvent &Call,
                                             CheckerContext &C,
                                             ProgramStateRef State) {
  if (Call.getResultType()->isVoidType())
    return State;
  const Expr *CE = Call.getOriginExpr();
  return State->BindExpr(
      CE, C.getLocationContext(),
      C.getSValBuilder().conjureSymbolVal(nullptr, CE, C.getLocationContext(),
                                          Call.getResultType(),
                                          C.blockCount()));
}

void refcheck::evalOpaqueCall(const CallEvent &Call, CheckerContext &C) {
  C.addTransition(bindConjuredResult(
      Call, C, Call.invalidateRegions(C.blockCount(), C.getState())));
}

/// Type slots called through a function pointer that take over their
/// argument: `Py_TYPE(op)->tp_dealloc(op)`, `(*Py_TYPE(op)->tp_dealloc)(op)`
/// (the pre-3.8 `_Py_Dealloc` macro), `tp->tp_free(op)`, or a pointer first
/// loaded from such a slot (`destructor d = Py_TYPE(op)->tp_dealloc;
/// (*d)(op);`, as in files that redefine Py_DECREF).
static bool isConsumingSlotCall(const CallEvent &Call) {
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  if (!CE || CE->getDirectCallee() || CE->getNumArgs() == 0)
    return false;
  if (const MemberExpr *ME = calledMember(CE))
    return isDeallocSlotName(ME->getMemberDecl()->getName());
  // The value called: a symbol standing for what a slot held.
  SymbolRef Sym = Call.getState()
                      ->getSVal(CE->getCallee(), Call.getLocationContext())
                      .getAsSymbol();
  const FieldRegion *FR = fieldOfValue(Sym);
  return FR && isDeallocSlotName(FR->getDecl()->getName());
}

bool RefSummaryManager::deallocates(const CallEvent &Call, unsigned I) {
  return I == 0 && isConsumingSlotCall(Call);
}

void RefSummaryManager::fromSpec(const FunctionSpec &Spec,
                                 const CallEvent &Call,
                                 CallSummary &S) const {
  unsigned N = Call.getNumArgs();
  bool AtEval = isInlineStealer(Call, &Spec);
  S.Evaluated = AtEval;
  for (auto [Idx, Kind] : Spec.Steals) {
    // A steal the declaration states too (REFCHECK_STEALS_ARG next to a
    // .refcheck.yaml entry) takes one reference, not two.
    if (Idx >= N || llvm::any_of(S.Args, [Idx = Idx](const ArgRule &R) {
          return R.Index == Idx && R.Effect == ArgEffect::StealAlways;
        }))
      continue;
    switch (Kind) {
    case StealKind::No:
      break;
    case StealKind::Always:
      S.Args.push_back({Idx, ArgEffect::StealAlways, HolderKind::FirstArg,
                        AtEval ? EffectTime::Eval : EffectTime::PostCall});
      break;
    case StealKind::OnSuccess:
      S.Args.push_back(
          {Idx, ArgEffect::StealOnSuccess, HolderKind::FirstArg});
      break;
    case StealKind::OnFailure:
      S.Args.push_back({Idx, ArgEffect::StealOnFailure});
      break;
    }
  }
  fromFormat(Spec, Call, S);
  for (unsigned I : Spec.InOutArgs)
    if (I < N)
      S.Args.push_back({I, ArgEffect::InOut});
  for (unsigned I : Spec.ReplacedOnSuccessArgs)
    if (I < N)
      S.Args.push_back({I, ArgEffect::ReplacedOnSuccess});
  for (unsigned I : Spec.Keeps)
    if (I < N)
      S.Args.push_back({I, ArgEffect::Keep});
  for (unsigned I : Spec.NewRefOutArgs)
    if (I < N)
      S.Args.push_back({I, ArgEffect::NewRefOut});
  for (unsigned I : Spec.BorrowedOutArgs)
    if (I < N)
      S.Args.push_back({I, ArgEffect::BorrowedOut});
  // Only memory a call just returned (PyObject_Malloc's) is made an object:
  // one the code already had (CPython's resize_compact calls
  // _Py_NewReference again on the object a failed PyObject_Realloc left in
  // place; a free list's object) keeps the references it had.
  for (unsigned I : Spec.InitArgs)
    if (I < N && isa_and_nonnull<SymbolConjured>(
                     Call.getArgSVal(I).getAsLocSymbol()))
      S.Args.push_back({I, ArgEffect::Init});
  S.OutArgsOnPositive = Call.getResultType()->isIntegerType();
  if (Spec.OutNullGuard && *Spec.OutNullGuard < N) {
    S.OutNullGuard = Spec.OutNullGuard;
    for (unsigned I : Spec.OutSetWithGuard)
      if (I < N)
        S.OutSetWithGuard.push_back(I);
  }

  switch (Spec.Return) {
  case ReturnKind::NotAnObject:
    S.Ret.K = ReturnEffect::NotObject;
    break;
  case ReturnKind::NewRef:
    S.Ret.K = ReturnEffect::New;
    if (Spec.ResultHeldBy && *Spec.ResultHeldBy < N)
      S.Ret.HeldByArg = Spec.ResultHeldBy;
    break;
  case ReturnKind::Borrowed:
    S.Ret.K = ReturnEffect::Borrowed;
    break;
  case ReturnKind::AlwaysNull:
    S.Ret.K = ReturnEffect::AlwaysNull;
    break;
  case ReturnKind::Unknown:
    S.Ret.K = ReturnEffect::Unknown;
    break;
  case ReturnKind::Alias:
    S.Ret.K = ReturnEffect::Alias;
    S.Ret.AliasArg = Spec.AliasArg;
    break;
  }
  S.Ret.CanFail = Spec.CanFail;
  // An inferred contract whose paths disagree on an argument.
  for (unsigned I : Spec.UnknownArgs)
    if (I < N)
      S.Args.push_back({I, ArgEffect::Unknown});
}

/// Varargs described by a format string: 'N' steals (the built value keeps
/// the object), PyArg_Parse's object outputs and PyArg_UnpackTuple's are
/// borrowed. A build format refcheck cannot read may steal any argument:
/// what was known of the objects passed is forgotten rather than guessed.
void RefSummaryManager::fromFormat(const FunctionSpec &Spec,
                                   const CallEvent &Call,
                                   CallSummary &S) const {
  unsigned N = Call.getNumArgs();
  if (Spec.Format == FormatStyle::None) {
    std::optional<unsigned> Fwd =
        forwardedBuildFormat(dyn_cast_or_null<FunctionDecl>(Call.getDecl()));
    if (!Fwd)
      return;
    FunctionSpec Forwarded;
    Forwarded.Format = FormatStyle::BuildValue;
    Forwarded.FormatArg = *Fwd;
    return fromFormat(Forwarded, Call, S);
  }
  if (Spec.FormatArg >= N)
    return;
  const auto *SL = dyn_cast<StringLiteral>(
      Call.getArgExpr(Spec.FormatArg)->IgnoreParenImpCasts());
  bool Ok = false;
  std::vector<FormatItem> Items;
  if (SL && SL->getCharByteWidth() == 1)
    Items = parseFormat(SL->getString(), Spec.Format, Ok);
  // Varargs start after the fixed parameters (after the keyword list for
  // PyArg_ParseTupleAndKeywords).
  unsigned Arg = Spec.FormatArg + 1;
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
      FD && FD->isVariadic())
    Arg = std::max(Arg, FD->getNumParams());
  if (!Ok && Spec.Format == FormatStyle::BuildValue)
    for (unsigned I = Arg; I < N; ++I)
      S.Args.push_back({I, ArgEffect::Forget});
  // One object and nothing around it: Py_BuildValue hands that object
  // back (with a reference for 'O' and 'S'), and cannot fail on another
  // ground (pycrypto's `Py_BuildValue("N", r)` after r was checked).
  // Only Py_BuildValue itself (S.Callee is _Py_BuildValue_SizeT's
  // user-facing name too): PyObject_CallMethod's format builds the
  // arguments, and its result is the method's.
  if (Spec.Format == FormatStyle::BuildValue && S.Callee == "Py_BuildValue" &&
      Items.size() == 1 && Items[0].IsObject && Items[0].NumArgs == 1 &&
      SL->getString() == Items[0].Spelling && Arg < N)
    S.ResultIsObjectArg = Arg;
  SmallVector<unsigned, 4> BorrowedOuts;
  for (const FormatItem &It : Items) {
    unsigned ObjArg = Arg + It.ObjectArg;
    Arg += It.NumArgs;
    if (ObjArg >= N)
      break;
    // Py_BuildValue fails on a NULL object (SystemError, or the
    // exception already set): its result proves every object given.
    if (It.IsObject && Spec.Format == FormatStyle::BuildValue)
      S.NonNullOnSuccess.push_back(ObjArg);
    if (It.IsObject && It.Steals)
      S.Args.push_back(
          {ObjArg, ArgEffect::StealAlways, HolderKind::Result});
    else if (It.IsObject && Spec.Format == FormatStyle::ParseArgs)
      BorrowedOuts.push_back(ObjArg);
  }
  if (Spec.Format == FormatStyle::Unpack)
    for (unsigned I = Spec.FormatArg + 3; I < N; ++I)
      BorrowedOuts.push_back(I);
  for (unsigned I : BorrowedOuts)
    S.Args.push_back({I, ArgEffect::BorrowedOut});
}

namespace {
/// The C API's builders of a value from a format and a `va_list`, with the
/// index of the format argument.
struct VaListBuilder {
  llvm::StringLiteral Name;
  unsigned FormatArg;
};
constexpr VaListBuilder VaListBuilders[] = {
    {"Py_VaBuildValue", 0},
    {"_Py_VaBuildValue_SizeT", 0},
};
} // namespace

std::optional<unsigned>
RefSummaryManager::forwardedBuildFormat(const FunctionDecl *FD) const {
  if (!FD || !FD->isVariadic() || !FD->hasBody())
    return std::nullopt;
  FD = FD->getDefinition();
  auto [It, New] = ForwardedFormats.try_emplace(FD);
  if (!New)
    return It->second;
  struct Finder : RecursiveASTVisitor<Finder> {
    const FunctionDecl *FD;
    std::optional<unsigned> Found;
    bool VisitCallExpr(CallExpr *CE) {
      StringRef Name = directCalleeName(CE);
      for (const VaListBuilder &B : VaListBuilders) {
        if (Name != B.Name || B.FormatArg >= CE->getNumArgs())
          continue;
        const auto *DRE = dyn_cast<DeclRefExpr>(
            CE->getArg(B.FormatArg)->IgnoreParenImpCasts());
        const auto *PVD = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
        if (PVD && PVD->getDeclContext() == FD)
          Found = PVD->getFunctionScopeIndex();
      }
      return !Found;
    }
  } F;
  F.FD = FD;
  F.TraverseStmt(FD->getBody());
  return ForwardedFormats[FD] = F.Found;
}

void RefSummaryManager::fromAnnotations(const FunctionDecl *FD,
                                        CallSummary &S) const {
  if (!FD)
    return;
  for (const auto *A : FD->specific_attrs<AnnotateAttr>()) {
    if (A->getAnnotation() == "refcheck::returns_borrowed")
      S.Ret.K = ReturnEffect::Borrowed;
    else if (A->getAnnotation() == "refcheck::returns_new")
      S.Ret.K = ReturnEffect::New;
    else if (A->getAnnotation() == "refcheck::returns_unknown")
      S.Ret.K = ReturnEffect::Unknown;
    else if (A->getAnnotation() == "refcheck::returns_arg" &&
             A->args_size() == 2) {
      // An inferred contract's (ContractAnnotator): the argument, 1-based,
      // and whether the result may be NULL.
      auto Arg =
          (*A->args_begin())->getIntegerConstantExpr(FD->getASTContext());
      auto Null = (*std::next(A->args_begin()))
                      ->getIntegerConstantExpr(FD->getASTContext());
      // One that also takes arguments over (on failure, as CPython's
      // _Py_CheckFunctionResult) keeps the result the convention gives:
      // the annotations do not say which outcome hands back what.
      if (!Arg || !Null || *Arg < 1 || !annotatedSteals(FD).empty() ||
          !annotatedSteals(FD, /*Sometimes=*/true).empty())
        continue;
      S.Ret.K = ReturnEffect::Alias;
      S.Ret.AliasArg = Arg->getZExtValue() - 1;
      S.Ret.CanFail = Null->getBoolValue();
    }
  }
}

CallSummary RefSummaryManager::summarize(const CallEvent &Call) {
  CallSummary S;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (FD && FD->getIdentifier())
    S.Callee = userFacingName(FD->getIdentifier()->getName()).str();
  else if (FD)
    S.Callee = contractName(FD); // constructors: 'Holder::Holder'
  // A call through a callback field: the contract of what the project
  // stores there.
  std::optional<std::string> Field =
      FD ? std::nullopt
         : callbackFieldKey(dyn_cast_or_null<CallExpr>(Call.getOriginExpr()));
  if (Field)
    S.Callee = *Field;

  unsigned N = Call.getNumArgs();

  if (isConsumingSlotCall(Call))
    S.Args.push_back({0, ArgEffect::Dealloc});
  for (unsigned Idx : annotatedSteals(FD))
    if (Idx < N)
      S.Args.push_back({Idx, ArgEffect::StealAlways});

  const FunctionSpec *Spec = Field ? specForField(*Field) : specFor(FD);
  S.Described = Spec != nullptr;
  if (Spec)
    fromSpec(*Spec, Call, S);
  // PyTuple_New(0), PyLong_FromLong(1): the cached object, never NULL.
  if (returnsCachedObject(Call, S.Callee)) {
    S.Ret.CanFail = false;
    S.Ret.NeverNull = true;
  }

  // The result. Annotations on the declaration override the row; without
  // either, the C-API convention: a new reference.
  // pyodbc's `Row* Row_InternalNew(...)`, called where `struct Row;` is all
  // there is: the contract from row.cpp knows it makes an object.
  bool ReturnsObject = isPyObjectPointerType(Call.getResultType()) ||
                       (Spec && Spec->Return != ReturnKind::NotAnObject &&
                        isOpaqueRecordPointerType(Call.getResultType()));
  if (!Spec)
    S.Ret.K = ReturnEffect::New;
  fromAnnotations(FD, S);
  std::optional<HandedBack> Handed;
  if (S.Ret.K == ReturnEffect::New && !Spec &&
      returnsOnlyNull(Call.getDecl())) {
    S.Ret.K = ReturnEffect::AlwaysNull;
  } else if (S.Ret.K == ReturnEffect::New && !Spec &&
             (Handed = returnsParameter(FD))) {
    S.Ret.K = ReturnEffect::Alias;
    S.Ret.AliasArg = Handed->Arg;
    S.Ret.CanFail = Handed->OrNull;
  } else if (S.Ret.K == ReturnEffect::New && !Spec &&
             returnsOnlyStoredObjects(FD)) {
    S.Ret.K = ReturnEffect::Borrowed;
  } else if (S.Ret.K == ReturnEffect::New && !Spec &&
             returnsStoredOrArgument(FD)) {
    // Borrowed, or one of the caller's own objects handed back: what the
    // caller holds depends on what it passed. Not judged.
    S.Ret.K = ReturnEffect::Unknown;
  }
  if (!ReturnsObject)
    S.Ret.K = ReturnEffect::NotObject;

  // What the pointer escape tells. A function of the project the analyzer
  // did not inline (its budget ran out, the call was too deep, or it is
  // variadic) may keep what it is given: here an argument is no longer
  // judged, unless the body shows that it only borrows it (bodyBorrows).
  // That holds for the static inline helpers of the project's own headers
  // too (CPython's _Py_DECREF_INT, five calls deep in longobject.c). Otherwise
  // a callee borrows its PyObject* arguments by the C-API convention; only
  // an argument handed over as something else (void*, an integer) is
  // forgotten.
  if (!Spec && hasProjectBody(FD)) {
    S.NullOutOnFailure = nullOutsOnFailure(FD);
    // Varargs a forwarded format describes follow it.
    unsigned Judged = N;
    if (forwardedBuildFormat(FD)) {
      fromFormat(FunctionSpec(), Call, S);
      Judged = std::min(N, FD->getNumParams());
    }
    for (unsigned I = 0; I < Judged; ++I)
      if (!bodyBorrows(FD, I))
        S.Args.push_back(
            {I, ArgEffect::Unknown, HolderKind::None, EffectTime::Escape});
    return S;
  }
  for (unsigned I = 0; I < N; ++I) {
    bool Borrows = true;
    if (FD && I < FD->getNumParams())
      Borrows = isPyObjectPointerType(FD->getParamDecl(I)->getType());
    else if (!FD)
      Borrows = isPyObjectPointerType(Call.getArgExpr(I)->getType());
    if (!Borrows)
      S.Args.push_back(
          {I, ArgEffect::Forget, HolderKind::None, EffectTime::Escape});
  }
  return S;
}

bool RefSummaryManager::stolenByOwnRow(const ParmVarDecl *PVD) const {
  const auto *FD = dyn_cast<FunctionDecl>(PVD->getDeclContext());
  if (!FD)
    return false;
  unsigned I = PVD->getFunctionScopeIndex();
  auto Steals = [&](const FunctionSpec *Spec) {
    return Spec && llvm::any_of(Spec->Steals, [&](const auto &S) {
             return S.first == I;
           });
  };
  if (Steals(specFor(FD)))
    return true;
  // Stored in a callback field whose contract takes the argument over (or
  // whose functions disagree on it): the body owns it, or is not judged.
  for (const std::string &Key : boundKeys(FD)) {
    const FunctionSpec *Spec = specForField(Key);
    if (Steals(Spec) || (Spec && llvm::is_contained(Spec->UnknownArgs, I)))
      return true;
  }
  return false;
}

SmallVector<std::string, 1>
RefSummaryManager::boundKeys(const FunctionDecl *FD) const {
  SmallVector<std::string, 1> Keys;
  if (!FD || !FD->hasBody())
    return Keys;
  if (!Bindings)
    Bindings = callbackBindings(FD->getASTContext());
  const FunctionDecl *Def = FD->getDefinition();
  for (const auto &[Key, Fns] : *Bindings)
    if (llvm::is_contained(Fns, Def))
      Keys.push_back(Key);
  return Keys;
}

bool RefSummaryManager::returnsNoNewRefByOwnRow(const FunctionDecl *FD) const {
  const FunctionSpec *Spec = specFor(FD);
  return Spec && (Spec->Return == ReturnKind::Borrowed ||
                  Spec->Return == ReturnKind::Alias);
}

/// Argument Clinic: a `foo_impl` parameter that the generated wrapper fills
/// with a converter giving a new reference (`PyUnicode_FSConverter(arg,
/// &path)`, then `foo_impl(module, path)`) is owned by foo_impl, which must
/// release it. One pass over the file, on first use, finds every such
/// parameter: in each function, the variables a converter fills, then the
/// calls they are passed on to.
bool RefSummaryManager::ownedOnEntry(const ParmVarDecl *PVD) {
  const auto *FD = dyn_cast<FunctionDecl>(PVD->getDeclContext());
  if (!FD || !Model)
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
    } S(*Model, OwnedParams);
    S.TraverseDecl(FD->getASTContext().getTranslationUnitDecl());
  }
  auto It = OwnedParams.find(FD->getCanonicalDecl());
  return It != OwnedParams.end() &&
         llvm::is_contained(It->second, PVD->getFunctionScopeIndex());
}

/// Whether T, or a typedef it is written as, names a function that
/// destroys a library's user data: `cairo_destroy_func_t`, `GDestroyNotify`,
/// `DBusFreeFunction`. Python's own (`destructor`, `freefunc`,
/// `PyCapsule_Destructor`) are given an object to free, not a reference.
static bool isUserDataDestroyerType(QualType T) {
  while (const auto *TT = T->getAs<TypedefType>()) {
    StringRef Name = TT->getDecl()->getName();
    if (!Name.starts_with("Py") && !Name.starts_with("_Py") &&
        Name != "freefunc" && Name != "destructor") {
      std::string Lower = Name.lower();
      StringRef L(Lower);
      if (L.contains("destroy") || L.contains("free") || L.contains("release"))
        return true;
    }
    T = TT->getDecl()->getUnderlyingType();
  }
  return false;
}

bool RefSummaryManager::destroysUserData(const FunctionDecl *FD) {
  if (!FD)
    return false;
  if (!UserDataDestroyers) {
    struct Scan : RecursiveASTVisitor<Scan> {
      llvm::DenseSet<const FunctionDecl *> Out;
      void take(const Expr *Arg, QualType ParamType) {
        const auto *DRE = dyn_cast<DeclRefExpr>(Arg->IgnoreParenCasts());
        const auto *F = DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
        if (!F)
          return;
        // The parameter's type, or a type the code casts the function to.
        bool Destroyer =
            !ParamType.isNull() && isUserDataDestroyerType(ParamType);
        for (const Expr *E = Arg->IgnoreParens(); E && !Destroyer;) {
          Destroyer = isUserDataDestroyerType(E->getType());
          const auto *CE = dyn_cast<CastExpr>(E);
          E = CE ? CE->getSubExpr()->IgnoreParens() : nullptr;
        }
        if (Destroyer)
          Out.insert(F->getCanonicalDecl());
      }
      bool VisitCallExpr(CallExpr *CE) {
        const FunctionDecl *Callee = CE->getDirectCallee();
        for (unsigned I = 0; I < CE->getNumArgs(); ++I)
          take(CE->getArg(I), Callee && I < Callee->getNumParams()
                                  ? Callee->getParamDecl(I)->getType()
                                  : QualType());
        return true;
      }
    } S;
    S.TraverseDecl(FD->getASTContext().getTranslationUnitDecl());
    UserDataDestroyers = std::move(S.Out);
  }
  return UserDataDestroyers->contains(FD->getCanonicalDecl());
}

bool RefSummaryManager::allocatesRawMemory(const Expr *E) const {
  const auto *CE = dyn_cast_or_null<CallExpr>(E);
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  if (!FD || !FD->getReturnType()->isPointerType() ||
      isPyObjectPointerType(FD->getReturnType()))
    return false;
  const ErrorSpec *ES = errorSpecFor(Model, FD);
  return ES && ES->Kind == ErrorKind::NullNoSet && ES->FailsOnlyOnMemory;
}

/// The C library's copies into memory: the destination is argument 0.
static constexpr llvm::StringLiteral MemoryCopies[] = {
    "memcpy", "memmove", "__builtin_memcpy", "__builtin_memmove",
    "__builtin___memcpy_chk", "__builtin___memmove_chk"};

/// The local variable E names, if any.
static const VarDecl *localNamed(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return VD && VD->hasLocalStorage() ? VD : nullptr;
}

const llvm::SmallPtrSet<const VarDecl *, 2> &
RefSummaryManager::copiedTables(const FunctionDecl *FD) {
  auto [It, New] = CopiedTables.try_emplace(FD);
  if (!New)
    return It->second;
  const Stmt *Body = FD->getBody();
  // The copies: locals given only raw memory, that a memcpy filled.
  struct Copies : RecursiveASTVisitor<Copies> {
    llvm::SmallVector<const CallExpr *, 2> Calls;
    bool VisitCallExpr(CallExpr *CE) {
      if (CE->getNumArgs() == 3 || CE->getNumArgs() == 4)
        if (llvm::is_contained(MemoryCopies, directCalleeName(CE)))
          Calls.push_back(CE);
      return true;
    }
  } Finder;
  Finder.TraverseStmt(const_cast<Stmt *>(Body));
  llvm::SmallPtrSet<const VarDecl *, 2> Copy;
  for (const CallExpr *CE : Finder.Calls) {
    const VarDecl *D = localNamed(CE->getArg(0));
    if (!D)
      continue;
    ValuesGiven G = valuesGiven(D, Body);
    if (!G.addressTaken() && !G.Values.empty() &&
        llvm::all_of(G.Values, [&](const Expr *V) {
          return allocatesRawMemory(V->IgnoreParenCasts());
        }))
      Copy.insert(D);
  }
  return It->second = std::move(Copy);
}

bool RefSummaryManager::readsCopiedTable(const Expr *Obj,
                                         const FunctionDecl *FD) {
  if (!Obj || !FD || !FD->hasBody())
    return false;
  // Read once per function: this runs at every Py_INCREF of an object the
  // checker knew nothing about.
  const llvm::SmallPtrSet<const VarDecl *, 2> &Copy = copiedTables(FD);
  if (Copy.empty())
    return false;
  const Stmt *Body = FD->getBody();
  // Whether E computes from a copy, directly or through locals.
  std::function<bool(const Expr *, unsigned)> FromCopy =
      [&](const Expr *E, unsigned Depth) {
        struct Refs : RecursiveASTVisitor<Refs> {
          llvm::SmallVector<const VarDecl *, 4> Vars;
          bool VisitDeclRefExpr(DeclRefExpr *DRE) {
            if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
                VD && VD->hasLocalStorage())
              Vars.push_back(VD);
            return true;
          }
        } R;
        R.TraverseStmt(const_cast<Expr *>(E));
        return llvm::any_of(R.Vars, [&](const VarDecl *V) {
          if (Copy.contains(V))
            return true;
          if (!Depth || !V->getType()->isPointerType())
            return false;
          ValuesGiven G = valuesGiven(V, Body);
          return llvm::any_of(G.Values, [&](const Expr *Val) {
            return FromCopy(Val, Depth - 1);
          });
        });
      };
  // The object read through a pointer into the copy (`p->f`, `*p`, `p[i]`),
  // or a local given only such reads.
  std::function<bool(const Expr *, unsigned)> ReadFromCopy =
      [&](const Expr *E, unsigned Depth) {
        E = E->IgnoreParenCasts();
        const Expr *Base = nullptr;
        if (const auto *ME = dyn_cast<MemberExpr>(E); ME && ME->isArrow())
          Base = ME->getBase();
        else if (const auto *UO = dyn_cast<UnaryOperator>(E);
                 UO && UO->getOpcode() == UO_Deref)
          Base = UO->getSubExpr();
        else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
          Base = AS->getBase();
        else if (const VarDecl *V = localNamed(E); V && Depth) {
          ValuesGiven G = valuesGiven(V, Body);
          return !G.addressTaken() && !G.Values.empty() &&
                 llvm::all_of(G.Values, [&](const Expr *Val) {
                   return ReadFromCopy(Val, Depth - 1);
                 });
        }
        return Base && FromCopy(Base, 4);
      };
  return ReadFromCopy(Obj, 2);
}

/// Like CPython's error helpers (`return set_error(...)` in _hashopenssl.c).
/// Variadic ones are never inlined, so this is read from the body.
bool RefSummaryManager::returnsOnlyNull(const Decl *D) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
  if (!FD || !FD->hasBody())
    return false;
  auto [Known, New] = NullOnly.try_emplace(FD);
  if (!New)
    return Known->second;
  struct Finder : RecursiveASTVisitor<Finder> {
    ASTContext &Ctx;
    unsigned Returns = 0, NullReturns = 0;
    /// Returned calls (`return PyErr_SetFromErrno(PyExc_OSError);`, _ssl.c's
    /// PySSL_SetError): judged below.
    llvm::SmallVector<const CallExpr *, 2> Calls;
    explicit Finder(ASTContext &Ctx) : Ctx(Ctx) {}
    bool VisitReturnStmt(ReturnStmt *RS) {
      ++Returns;
      if (const Expr *E = RS->getRetValue()) {
        E = E->IgnoreParenCasts();
        if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
          ++NullReturns;
        else if (const auto *CE = dyn_cast<CallExpr>(E))
          Calls.push_back(CE);
      }
      return true;
    }
  } F(FD->getASTContext());
  F.TraverseStmt(FD->getBody());
  // A call that always returns NULL: the model says so, or its own body
  // (not while it is being judged: recursion proves nothing).
  for (const CallExpr *CE : F.Calls) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    const FunctionSpec *S = specFor(Callee);
    if (S ? S->Return == ReturnKind::AlwaysNull
          : Callee && Callee->getDefinition() != FD &&
                returnsOnlyNull(Callee->getDefinition()))
      ++F.NullReturns;
  }
  return NullOnly[FD] = F.Returns > 0 && F.Returns == F.NullReturns;
}

SmallVector<unsigned, 2>
RefSummaryManager::nullOutsOnFailure(const FunctionDecl *FD) {
  FD = FD ? FD->getDefinition() : nullptr;
  if (!hasProjectBody(FD))
    return {};
  auto [Known, New] = NullOuts.try_emplace(FD);
  if (!New)
    return Known->second;
  ASTContext &Ctx = FD->getASTContext();
  QualType RT = FD->getReturnType();
  if (!RT->isPointerType() && !RT->isIntegerType())
    return {};
  // The out-parameters: pointers to object pointers.
  SmallVector<const ParmVarDecl *, 2> Outs;
  for (const ParmVarDecl *P : FD->parameters())
    if (const auto *PT = P->getType()->getAs<PointerType>();
        PT && isPyObjectPointerType(PT->getPointeeType()))
      Outs.push_back(P);
  if (Outs.empty())
    return {};
  // `return NULL;`, or `return -1;` for an int result.
  auto IsFailure = [&](const ReturnStmt *RS) {
    const Expr *E = RS->getRetValue();
    if (!E)
      return false;
    E = E->IgnoreParenCasts();
    if (RT->isPointerType())
      return E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
             Expr::NPCK_NotNull;
    std::optional<llvm::APSInt> V = E->getIntegerConstantExpr(Ctx);
    return V && V->isNegative();
  };
  // The parameter `*p` or `p[0]` is written through, if S stores there.
  auto StoredThrough = [](const Stmt *S) -> const ParmVarDecl * {
    const auto *BO = dyn_cast_or_null<BinaryOperator>(S);
    if (!BO || BO->getOpcode() != BO_Assign)
      return nullptr;
    const Expr *L = BO->getLHS()->IgnoreParenImpCasts();
    const Expr *Base = nullptr;
    if (const auto *UO = dyn_cast<UnaryOperator>(L);
        UO && UO->getOpcode() == UO_Deref)
      Base = UO->getSubExpr();
    else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(L))
      Base = AS->getBase();
    const auto *DRE =
        Base ? dyn_cast<DeclRefExpr>(Base->IgnoreParenImpCasts()) : nullptr;
    return DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  };
  auto Mentions = [](const Stmt *S, const ParmVarDecl *P) {
    struct Finder : RecursiveASTVisitor<Finder> {
      const ParmVarDecl *P;
      bool Found = false;
      bool VisitDeclRefExpr(DeclRefExpr *DRE) {
        Found |= DRE->getDecl() == P;
        return !Found;
      }
    } F;
    F.P = P;
    F.TraverseStmt(const_cast<Stmt *>(S));
    return F.Found;
  };
  struct Returns : RecursiveASTVisitor<Returns> {
    SmallVector<const ReturnStmt *, 8> All;
    bool VisitReturnStmt(ReturnStmt *RS) {
      All.push_back(RS);
      return true;
    }
  } R;
  R.TraverseStmt(FD->getBody());
  ParentMap PM(FD->getBody());
  SmallVector<unsigned, 2> Out;
  for (const ParmVarDecl *P : Outs) {
    unsigned Failures = 0;
    bool Always = true;
    for (const ReturnStmt *RS : R.All) {
      if (!IsFailure(RS))
        continue;
      ++Failures;
      // The statements before the return, in its block, back to the store
      // of NULL through P. A label on the way lets other paths in.
      const auto *Block = dyn_cast_or_null<CompoundStmt>(PM.getParent(RS));
      bool Set = false;
      if (Block) {
        auto It = llvm::find(Block->body(), RS);
        while (It != Block->body_begin()) {
          const Stmt *S = *--It;
          const Stmt *Inner = S;
          if (const auto *LS = dyn_cast<LabelStmt>(S))
            Inner = LS->getSubStmt();
          if (const auto *E = dyn_cast<Expr>(Inner);
              E && StoredThrough(E->IgnoreParens()) == P) {
            Set = cast<BinaryOperator>(E->IgnoreParens())
                      ->getRHS()
                      ->IgnoreParenCasts()
                      ->isNullPointerConstant(
                          Ctx, Expr::NPC_ValueDependentIsNotNull) !=
                  Expr::NPCK_NotNull;
            break;
          }
          if (isa<LabelStmt>(S) || Mentions(S, P))
            break;
        }
      }
      if (!Set) {
        Always = false;
        break;
      }
    }
    if (Always && Failures > 0)
      Out.push_back(P->getFunctionScopeIndex());
  }
  return NullOuts[FD] = Out;
}

/// A call that takes a reference on its argument: one of the refcount
/// operations' table (makeRefOps) that adds one, as written (the quick scans
/// of a body below see the AST before any macro is modelled). Not a match
/// on the name: a project's `stats_incref_seen(o)` takes nothing.
static bool takesReference(const RefOpMap &Ops, const CallExpr *CE) {
  const RefOp *Op = Ops.lookupAsWritten(*CE);
  return Op && (*Op == RefOp::Incref || *Op == RefOp::XIncref ||
                *Op == RefOp::NewRef || *Op == RefOp::XNewRef);
}

bool RefSummaryManager::returnsStaticBare(const FunctionDecl *FD,
                                          const VarDecl *Static) {
  FD = FD ? FD->getDefinition() : nullptr;
  if (!FD || !FD->hasBody() || !Static ||
      !FD->getASTContext().getSourceManager().isInMainFile(
          FD->getLocation()))
    return false;
  Static = Static->getCanonicalDecl();
  auto [Known, New] = StaticBare.try_emplace({FD, Static}, false);
  if (!New)
    return Known->second;
  auto IsStatic = [Static](const Expr *E) { return isAddressOf(E, Static); };
  struct Finder : RecursiveASTVisitor<Finder> {
    const RefOpMap &Ops;
    llvm::function_ref<bool(const Expr *)> IsStatic;
    bool Bare = false, Taken = false;
    Finder(const RefOpMap &Ops, llvm::function_ref<bool(const Expr *)> IsStatic)
        : Ops(Ops), IsStatic(IsStatic) {}
    // Local variables returned (`PyObject *names = Py_None; ... return
    // names;`): below, whether one of them is given `&Static`.
    llvm::SmallPtrSet<const VarDecl *, 4> Returned;
    bool VisitReturnStmt(ReturnStmt *RS) {
      Bare |= IsStatic(RS->getRetValue());
      if (const VarDecl *V = localVariable(RS->getRetValue()))
        Returned.insert(V);
      return true;
    }
    // Any call taking `&Static` that takes a reference on it (Py_INCREF,
    // Py_NewRef, through their macros): the function may return an owned
    // reference to the singleton, and nothing is assumed.
    bool VisitCallExpr(CallExpr *CE) {
      if (takesReference(Ops, CE))
        for (const Expr *A : CE->arguments())
          Taken |= IsStatic(A);
      return true;
    }
  } F(RefOps, IsStatic);
  F.TraverseStmt(FD->getBody());
  for (const VarDecl *V : F.Returned)
    F.Bare |= llvm::any_of(valuesGiven(V, FD->getBody()).Values, IsStatic);
  return StaticBare[{FD, Static}] = F.Bare && !F.Taken;
}

bool RefSummaryManager::returnsOnlyStoredObjects(const FunctionDecl *FD) {
  FD = FD ? FD->getDefinition() : nullptr;
  // The file's functions and the inline ones of the project's headers
  // (CPython's _PyFrame_StackPeek); the model describes the system's.
  if (!FD || !FD->hasBody() ||
      FD->getASTContext().getSourceManager().isInSystemHeader(
          FD->getLocation()))
    return false;
  std::optional<ParamList> Through = readsOnlyStorage(FD);
  return Through && Through->empty();
}

bool RefSummaryManager::returnsStoredOrArgument(const FunctionDecl *FD) {
  FD = FD ? FD->getDefinition() : nullptr;
  if (!FD || !FD->hasBody() ||
      FD->getASTContext().getSourceManager().isInSystemHeader(
          FD->getLocation()))
    return false;
  std::optional<ParamList> Through = readsOnlyStorage(FD);
  return Through && !Through->empty();
}

std::optional<RefSummaryManager::ParamList>
RefSummaryManager::readsOnlyStorage(const FunctionDecl *FD) {
  FD = FD ? FD->getDefinition() : nullptr;
  if (!FD || !FD->hasBody())
    return std::nullopt;
  for (const auto *A : FD->specific_attrs<AnnotateAttr>())
    if (A->getAnnotation().starts_with("refcheck::"))
      return std::nullopt; // the user said what it returns
  auto [Known, New] = StoredOnly.try_emplace(FD, std::nullopt);
  if (!New)
    return Known->second; // none while computed, unless it calls itself
  struct Finder : RecursiveASTVisitor<Finder> {
    ASTContext &Ctx;
    const RefOpMap &Ops;
    unsigned Returns = 0; // those that are not NULL
    bool Other = false, TakesRefs = false;
    /// The stored objects returned (`f->stack[f->top]`), directly or given
    /// to a returned local (givenOnlyBorrowed adds those): what pops()
    /// looks at.
    llvm::SmallVector<const Expr *, 2> Returned;
    /// Integers kept outside the function (fields, globals) it moves:
    /// `f->top--`, `n_items = 0`.
    llvm::SmallPtrSet<const ValueDecl *, 4> MovedIndexes;
    Finder(ASTContext &Ctx, const RefOpMap &Ops) : Ctx(Ctx), Ops(Ops) {}
    /// The field or global a storage expression reads: `f->stack[i]` reads
    /// `stack`.
    static const ValueDecl *slotOf(const Expr *E) {
      E = E->IgnoreParenImpCasts();
      if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
        return slotOf(AS->getBase());
      if (const auto *ME = dyn_cast<MemberExpr>(E))
        return ME->getMemberDecl();
      if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
          if (VD->hasGlobalStorage())
            return VD;
      return nullptr;
    }
    /// Whether E reads a field or element of a local struct or array of
    /// the function (`ta.visited`, `items[i]`), not through a pointer.
    static bool readsLocalAggregate(const Expr *E) {
      while (true) {
        E = E->IgnoreParenImpCasts();
        if (const auto *ME = dyn_cast<MemberExpr>(E)) {
          if (ME->isArrow())
            return false;
          E = ME->getBase();
        } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
          E = AS->getBase();
        } else {
          break;
        }
      }
      const auto *DRE = dyn_cast<DeclRefExpr>(E);
      const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      return VD && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) &&
             !VD->getType()->isPointerType();
    }
    /// An integer field or global (or an element of one).
    static const ValueDecl *storedInteger(const Expr *E) {
      return E->IgnoreParenImpCasts()->getType()->isIntegerType() ? slotOf(E)
                                                                  : nullptr;
    }
    bool VisitReturnStmt(ReturnStmt *RS) {
      const Expr *E = RS->getRetValue();
      E = E ? E->IgnoreParenCasts() : nullptr;
      if (!E || E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
        return true;
      ++Returns;
      Values.push_back(E); // judged below (borrowedValue)
      return true;
    }
    /// What the function returns, directly or through variables: judged
    /// once the body has been read.
    llvm::SmallVector<const Expr *, 4> Values;
    /// The variables (locals and parameters) whose values reach a return
    /// (`res = PyDict_GetItem(d, k); ... return res;`, typeobject.c's
    /// find_name_in_mro; `winner = metatype; ... winner = tmptype;`,
    /// _PyType_CalculateMetaclass).
    llvm::SmallPtrSet<const VarDecl *, 4> ReturnedVars;
    /// The parameters whose objects reach a return.
    ParamList Through;
    /// Whether a call puts a borrowed reference in its argument I's pointee.
    std::function<bool(const CallExpr *, unsigned)> OutBorrowed;
    /// Whether E, a value that reaches a return, is borrowed: NULL, an
    /// object read from storage (a field, an element, a global, a static
    /// object's address), a parameter (the caller's object: `return
    /// type;` after `type = type->tp_base;`; it goes to Through), a
    /// variable given only such values, or the result of a call that
    /// returns a borrowed reference: ReturnsBorrowed says which of its
    /// arguments may come back, and those must be borrowed values too
    /// (`return long_normalize(z);` returns z). The storage reads go to
    /// Returned.
    bool borrowedValue(
        const Expr *E, const Stmt *Body,
        llvm::function_ref<std::optional<ParamList>(const CallExpr *)>
            ReturnsBorrowed) {
      E = E->IgnoreParenCasts();
      if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
        return true;
      if (isa<MemberExpr, ArraySubscriptExpr>(E)) {
        // A field of the function's own local struct is not storage that
        // outlives the call: what it holds, the function put there
        // (`ta.visited = new_set(); ...; return ta.visited;`).
        if (readsLocalAggregate(E))
          return false;
        Returned.push_back(E);
        return true;
      }
      if (const auto *CO = dyn_cast<ConditionalOperator>(E))
        return borrowedValue(CO->getTrueExpr(), Body, ReturnsBorrowed) &&
               borrowedValue(CO->getFalseExpr(), Body, ReturnsBorrowed);
      if (const auto *CE = dyn_cast<CallExpr>(E)) {
        std::optional<ParamList> Args = ReturnsBorrowed(CE);
        return Args && llvm::all_of(*Args, [&](unsigned I) {
                 return I < CE->getNumArgs() &&
                        borrowedValue(CE->getArg(I), Body, ReturnsBorrowed);
               });
      }
      if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
        // &PyBaseObject_Type: a statically allocated object.
        const auto *D = UO->getOpcode() == UO_AddrOf
                            ? dyn_cast<DeclRefExpr>(
                                  UO->getSubExpr()->IgnoreParenCasts())
                            : nullptr;
        const auto *GV = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
        return GV && GV->hasGlobalStorage();
      }
      const auto *DRE = dyn_cast<DeclRefExpr>(E);
      const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      if (!VD || !VD->getType()->isPointerType())
        return false;
      if (VD->hasGlobalStorage()) {
        Returned.push_back(E);
        return true;
      }
      if (!ReturnedVars.insert(VD).second)
        return true; // already being judged (`x = x->next`)
      if (const auto *PVD = dyn_cast<ParmVarDecl>(VD))
        Through.push_back(PVD->getFunctionScopeIndex());
      // Every value the variable is given; its address taken (an
      // out-parameter) gives up, unless only calls that put a borrowed
      // reference there take it (PyDict_Next's key). A parameter starts as
      // the caller's object.
      ValuesGiven G = valuesGiven(VD, Body);
      bool OnlyBorrowedOuts =
          G.OutArgs.size() == G.AddressUses &&
          llvm::all_of(G.OutArgs, [&](auto Out) {
            return OutBorrowed(Out.first, Out.second);
          });
      return (!G.addressTaken() || OnlyBorrowedOuts) &&
             llvm::all_of(G.Values, [&](const Expr *V) {
               return borrowedValue(V, Body, ReturnsBorrowed);
             });
    }
    bool VisitUnaryOperator(UnaryOperator *UO) {
      if (UO->isIncrementDecrementOp())
        if (const ValueDecl *D = storedInteger(UO->getSubExpr()))
          MovedIndexes.insert(D);
      return true;
    }
    /// Object slots kept outside the function that it empties (`entry->key
    /// = dummy;`, `self->x = NULL;`). A lazily made cache (`cache =
    /// PyDict_New();`) still owns what it holds.
    llvm::SmallPtrSet<const ValueDecl *, 4> Cleared;
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (!BO->isAssignmentOp())
        return true;
      if (const ValueDecl *D = storedInteger(BO->getLHS()))
        MovedIndexes.insert(D);
      else if (BO->getOpcode() == BO_Assign &&
               isPyObjectPointerType(BO->getLHS()->getType()) &&
               emptied(BO->getRHS()))
        if (const ValueDecl *D = slotOf(BO->getLHS()))
          Cleared.insert(D);
      return true;
    }
    /// What a slot holds once emptied: NULL, or a marker that is not an
    /// object of its own (`dummy`, `Py_None`). Not a call's result nor a
    /// local (`Py_SETREF(op->x, dict)` replaces the object the slot owns).
    bool emptied(const Expr *E) const {
      E = E->IgnoreParenCasts();
      if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) ||
          isa<UnaryOperator>(E))
        return true;
      const auto *DRE = dyn_cast<DeclRefExpr>(E);
      const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      return VD && VD->hasGlobalStorage();
    }
    /// The objects the function takes a reference on (Py_INCREF(x),
    /// Py_NewRef(x)): a reference taken on a local it does not return
    /// (find_name_in_mro keeps the MRO tuple alive while it looks) says
    /// nothing of its result.
    llvm::SmallVector<const Expr *, 2> TakenOn;
    /// Every other call: one that releases or keeps a returned variable's
    /// object (Py_DECREF(res) in a check-wrapper that returns res, a
    /// stealing callee) hands the caller's reference back, not a borrowed
    /// one.
    llvm::SmallVector<const CallExpr *, 8> Calls;
    /// The size of a variable-size object moved through its 3.9+ setter
    /// (`Py_SET_SIZE(self, Py_SIZE(self) - 1); return
    /// self->data[Py_SIZE(self)];`, _pickle.c's Pdata_pop); the older
    /// `Py_SIZE(self)--` is an integer field moved, as above.
    bool SizeMoved = false;
    bool VisitCallExpr(CallExpr *CE) {
      SizeMoved |= directCalleeName(CE) == "Py_SET_SIZE";
      if (takesReference(Ops, CE) && CE->getNumArgs())
        TakenOn.push_back(CE->getArg(CE->getNumArgs() - 1));
      else
        Calls.push_back(CE);
      return true;
    }
    /// The variable of ReturnedVars (a local or a parameter) E is.
    const VarDecl *returnedVar(const Expr *E) const {
      const auto *D = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
      const auto *V = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
      return V && ReturnedVars.contains(V) ? V : nullptr;
    }
    void judgeTaken(llvm::function_ref<bool(const CallExpr *, unsigned)>
                        Keeps) {
      for (const Expr *A : TakenOn) {
        const VarDecl *V = localVariable(A);
        if (!V || ReturnedVars.contains(V))
          TakesRefs = true;
      }
      for (const CallExpr *CE : Calls)
        for (unsigned I = 0; I < CE->getNumArgs() && !TakesRefs; ++I)
          if (returnedVar(CE->getArg(I)))
            TakesRefs = Keeps(CE, I);
    }
    /// A returned slot (directly or through a local) that the function
    /// empties, or finds through an index it moves, is popped
    /// (`f->stacktop--; return f->localsplus[f->stacktop];`, CPython's
    /// _PyFrame_StackPop; `key = entry->key; entry->key = dummy;`,
    /// set_pop): the storage's reference goes to the caller.
    bool pops() const {
      if (llvm::any_of(Returned, [&](const Expr *E) {
            const ValueDecl *D = slotOf(E);
            return D && Cleared.contains(D);
          }))
        return true;
      if (MovedIndexes.empty() && !SizeMoved)
        return false;
      struct Uses : RecursiveASTVisitor<Uses> {
        const llvm::SmallPtrSet<const ValueDecl *, 4> &Moved;
        bool SizeMoved;
        bool Found = false;
        Uses(const llvm::SmallPtrSet<const ValueDecl *, 4> &Moved,
             bool SizeMoved)
            : Moved(Moved), SizeMoved(SizeMoved) {}
        bool VisitMemberExpr(MemberExpr *ME) {
          Found |= Moved.contains(ME->getMemberDecl());
          return !Found;
        }
        bool VisitDeclRefExpr(DeclRefExpr *DRE) {
          Found |= Moved.contains(DRE->getDecl());
          return !Found;
        }
        bool VisitCallExpr(CallExpr *CE) {
          Found |= SizeMoved && directCalleeName(CE) == "Py_SIZE";
          return !Found;
        }
      };
      return llvm::any_of(Returned, [&](const Expr *E) {
        Uses U(MovedIndexes, SizeMoved);
        U.TraverseStmt(const_cast<Expr *>(E));
        return U.Found;
      });
    }
  } F(FD->getASTContext(), RefOps);
  F.TraverseStmt(FD->getBody());
  // A call returns a borrowed reference when the model says so, or when
  // its body reads only storage by these rules (solid_base's recursion,
  // Py_TYPE's inline body in the headers); a call to a function still being
  // judged proves nothing, unless it is this one calling itself.
  F.OutBorrowed = [this](const CallExpr *CE, unsigned I) {
    const FunctionSpec *S = specFor(CE->getDirectCallee());
    return S && llvm::is_contained(S->BorrowedOutArgs, I);
  };
  auto ReturnsBorrowed =
      [this, FD](const CallExpr *CE) -> std::optional<ParamList> {
    const FunctionDecl *Callee = CE->getDirectCallee();
    // An error helper's NULL (`return PyErr_Format(...);` next to
    // `return nd->symbol;`, bitarray's binode_traverse) is no reference.
    if (const FunctionSpec *S = specFor(Callee)) {
      if (S->Return == ReturnKind::Borrowed ||
          S->Return == ReturnKind::AlwaysNull)
        return ParamList();
      return std::nullopt;
    }
    if (!Callee || RefOps.lookupAsWritten(*CE))
      return std::nullopt;
    const FunctionDecl *Def = Callee->getDefinition();
    if (!Def)
      return std::nullopt;
    if (Def != FD && returnsOnlyNull(Def))
      return ParamList();
    if (Def == FD) { // itself: any argument may come back
      ParamList All;
      for (unsigned I = 0; I < CE->getNumArgs(); ++I)
        All.push_back(I);
      return All;
    }
    if (std::optional<HandedBack> H = returnsParameter(Def))
      return ParamList{H->Arg};
    return readsOnlyStorage(Def);
  };
  for (const Expr *E : F.Values)
    F.Other |= !F.borrowedValue(E, FD->getBody(), ReturnsBorrowed);
  F.judgeTaken([this](const CallExpr *CE, unsigned I) {
    return keepsArgument(CE, I);
  });
  if (!(F.Returns > 0 && !F.Other && !F.TakesRefs && !F.pops()))
    return std::nullopt;
  llvm::sort(F.Through);
  F.Through.erase(std::unique(F.Through.begin(), F.Through.end()),
                  F.Through.end());
  return StoredOnly[FD] = F.Through;
}

bool RefSummaryManager::keepsArgument(const CallExpr *CE, unsigned I) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee)
    return true; // through a pointer: anything
  if (RefOps.lookupAsWritten(*CE))
    return true;
  if (const FunctionSpec *S = specFor(Callee))
    return llvm::any_of(S->Steals, [&](const auto &St) {
      return St.first == I && St.second != StealKind::No;
    });
  if (llvm::is_contained(annotatedSteals(Callee), I) ||
      llvm::is_contained(annotatedSteals(Callee, /*Sometimes=*/true), I))
    return true;
  const FunctionDecl *Def = Callee->getDefinition();
  return Def && Def->hasBody() &&
         Def->getASTContext().getSourceManager().isInMainFile(
             Def->getLocation()) &&
         !bodyBorrows(Def, I);
}

std::optional<RefSummaryManager::HandedBack>
RefSummaryManager::returnsParameter(const FunctionDecl *FD) {
  FD = FD ? FD->getDefinition() : nullptr;
  if (!FD || !FD->hasBody() ||
      FD->getASTContext().getSourceManager().isInSystemHeader(
          FD->getLocation()))
    return std::nullopt;
  // The user said what it returns (an inferred contract's annotations,
  // implicit, say what the body says).
  for (const auto *A : FD->specific_attrs<AnnotateAttr>())
    if (A->getAnnotation().starts_with("refcheck::") && !A->isImplicit())
      return std::nullopt;
  auto [Known, New] = ReturnedParam.try_emplace(FD, std::nullopt);
  if (!New)
    return Known->second;
  struct Finder : RecursiveASTVisitor<Finder> {
    ASTContext &Ctx;
    const ParmVarDecl *P = nullptr;
    bool Other = false, Null = false;
    llvm::SmallVector<const CallExpr *, 8> Calls;
    explicit Finder(ASTContext &Ctx) : Ctx(Ctx) {}
    static const ParmVarDecl *paramOf(const Expr *E) {
      const auto *D = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
      return D ? dyn_cast<ParmVarDecl>(D->getDecl()) : nullptr;
    }
    bool VisitReturnStmt(ReturnStmt *RS) {
      const Expr *E = RS->getRetValue();
      if (!E)
        return true;
      if (E->IgnoreParenCasts()->isNullPointerConstant(
              Ctx, Expr::NPC_ValueDependentIsNotNull)) {
        Null = true;
        return true;
      }
      const ParmVarDecl *Q = paramOf(E);
      if (!Q || (P && Q != P))
        Other = true;
      else
        P = Q;
      return true;
    }
    bool VisitCallExpr(CallExpr *CE) {
      Calls.push_back(CE);
      return true;
    }
  } F(FD->getASTContext());
  F.TraverseStmt(FD->getBody());
  if (F.Other || !F.P || !isPyObjectPointerType(F.P->getType()))
    return std::nullopt;
  // Never given another value, and never released, kept or given a
  // reference to: what comes back is what the caller passed, with the
  // references it had.
  ValuesGiven G = valuesGiven(F.P, FD->getBody());
  if (G.addressTaken() || !G.Values.empty())
    return std::nullopt;
  for (const CallExpr *CE : F.Calls)
    for (unsigned I = 0; I < CE->getNumArgs(); ++I)
      if (Finder::paramOf(CE->getArg(I)) == F.P && keepsArgument(CE, I))
        return std::nullopt;
  return ReturnedParam[FD] = HandedBack{F.P->getFunctionScopeIndex(), F.Null};
}

/// A call through a type's tp_alloc slot (`type->tp_alloc(type, 0)`): it
/// always makes a new object.
static bool isAllocSlotCall(const CallExpr *CE) {
  const auto *ME =
      dyn_cast<MemberExpr>(CE->getCallee()->IgnoreParenImpCasts());
  return ME && ME->getMemberDecl()->getName() == "tp_alloc";
}

bool RefSummaryManager::madeBy(const Stmt *Origin, bool New) {
  const auto *CE = dyn_cast_or_null<CallExpr>(Origin);
  return CE && (isAllocSlotCall(CE) || freshCallee(CE->getDirectCallee(), New));
}

bool RefSummaryManager::madeOrStatic(const Stmt *Origin) {
  if (madeFresh(Origin))
    return true;
  const auto *CE = dyn_cast_or_null<CallExpr>(Origin);
  const FunctionSpec *Spec = CE ? specFor(CE->getDirectCallee()) : nullptr;
  return Spec && Spec->FreshOrStatic;
}

bool RefSummaryManager::freshCallee(const FunctionDecl *FD, bool New) {
  if (!FD || !FD->getIdentifier())
    return false;
  // A model row: never a singleton; new unless the call may hand back an
  // object it was given (PyObject_Str of a str).
  if (StringRef Name = userFacingName(FD->getName());
      ApiModel::makesFreshObject(Name))
    return !New || !ApiModel::mayReturnExisting(Name);
  // The project's own functions are fresh only when they return new
  // objects, so a wrapper of PyObject_Str is neither.
  // A function of another file whose inferred contract says so.
  if (const FunctionSpec *Spec = specFor(FD); Spec && Spec->FreshResult)
    return true;
  // A function of this file with no row of its own: its body says.
  const FunctionDecl *Def = FD->getDefinition();
  if (!Def || !Def->hasBody() || specFor(FD) ||
      !isPyObjectPointerType(Def->getReturnType()) ||
      !Def->getASTContext().getSourceManager().isInMainFile(
          Def->getLocation()))
    return false;
  auto [Known, First] = FreshResult.try_emplace(Def, false);
  if (!First)
    return Known->second; // false while computed: recursion proves nothing
  struct Returns : RecursiveASTVisitor<Returns> {
    SmallVector<const Expr *, 4> Values;
    bool Bare = false;
    bool VisitReturnStmt(ReturnStmt *RS) {
      if (const Expr *E = RS->getRetValue())
        Values.push_back(E);
      else
        Bare = true;
      return true;
    }
  } R;
  R.TraverseStmt(Def->getBody());
  bool Fresh = !R.Bare && !R.Values.empty() &&
               llvm::all_of(R.Values, [&](const Expr *E) {
                 return freshExpr(E, Def);
               });
  return FreshResult[Def] = Fresh;
}

/// NULL, a call that makes a new object, or a local variable of In every
/// assignment of which is one of these.
bool RefSummaryManager::freshExpr(const Expr *E, const FunctionDecl *In) {
  E = E->IgnoreParenCasts();
  ASTContext &Ctx = In->getASTContext();
  if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return true;
  if (const auto *CE = dyn_cast<CallExpr>(E))
    return madeNew(CE);
  const VarDecl *VD = localVariable(E);
  if (!VD)
    return false;
  // Every value the variable is given; its address taken (an
  // out-parameter) gives up.
  ValuesGiven Vs = valuesGiven(VD, In->getBody());
  return !Vs.addressTaken() && !Vs.Values.empty() &&
         llvm::all_of(Vs.Values, [&](const Expr *G) {
           // `r = r2` of another such variable is not followed: one level.
           const Expr *S = G->IgnoreParenCasts();
           return !isa<DeclRefExpr>(S) && freshExpr(S, In);
         });
}

bool RefSummaryManager::bodyBorrows(const FunctionDecl *FD, unsigned I) {
  FD = FD ? FD->getDefinition() : nullptr;
  if (!FD || !FD->hasBody() || I >= FD->getNumParams())
    return false;
  const ParmVarDecl *P = FD->getParamDecl(I);
  if (!isPyObjectPointerType(P->getType()))
    return false;
  auto [Known, New] = BodyBorrows.try_emplace({FD, I}, false);
  if (!New)
    return Known->second; // false while computed: recursion proves nothing
  ParentMap PM(FD->getBody());
  // Whether the argument Arg of the call CE is only borrowed by the callee.
  auto BorrowedBy = [&](const CallExpr *CE, const Expr *Arg) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee || !Callee->getIdentifier())
      return false;
    unsigned Idx = 0;
    while (Idx < CE->getNumArgs() && CE->getArg(Idx) != Arg)
      ++Idx;
    if (Idx == CE->getNumArgs())
      return false;
    // The refcount operations makeRefOps() matches are not borrowing, first
    // of all: a row of Doc/data/refcounts.dat (a CPython tree) describes
    // Py_DECREF with no steal, and their inline bodies in the headers take
    // PyObject* as any API function does.
    if (RefOps.lookupAsWritten(*CE))
      return false;
    if (const FunctionSpec *Spec = specFor(Callee)) {
      if (Spec->Format != FormatStyle::None && Idx > Spec->FormatArg)
        return false; // what a format does with it: not read here
      return !llvm::any_of(Spec->Steals,
                           [&](auto St) {
                             return St.first == Idx &&
                                    St.second != StealKind::No;
                           }) &&
             !llvm::is_contained(Spec->UnknownArgs, Idx) &&
             !llvm::is_contained(Spec->InOutArgs, Idx) &&
             !llvm::is_contained(Spec->ReplacedOnSuccessArgs, Idx);
    }
    if (!annotatedSteals(Callee).empty() ||
        !annotatedSteals(Callee, /*Sometimes=*/true).empty())
      return false;
    // The project's functions are judged by their own bodies; API
    // functions by the convention.
    if (hasProjectBody(Callee))
      return bodyBorrows(Callee, Idx);
    return Idx < Callee->getNumParams() &&
           isPyObjectPointerType(Callee->getParamDecl(Idx)->getType());
  };
  struct Uses : RecursiveASTVisitor<Uses> {
    const ParmVarDecl *P;
    SmallVector<const DeclRefExpr *, 8> Found;
    bool VisitDeclRefExpr(DeclRefExpr *DRE) {
      if (DRE->getDecl() == P)
        Found.push_back(DRE);
      return true;
    }
  } U;
  U.P = P;
  // A C++ constructor's initializers (`ptr(PyObject *o) : m_ob(o) {}`)
  // keep the argument in the object being built, outside the body: a
  // holder is not judged as borrowing what it is given. A member of
  // another type (`n(PyObject_Size(o))`) only reads it.
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (!Init->isAnyMemberInitializer() ||
          Init->getAnyMember()->getType()->isPointerType() ||
          Init->getAnyMember()->getType()->isRecordType())
        U.TraverseStmt(Init->getInit());
  if (!U.Found.empty())
    return BodyBorrows[{FD, I}] = false;
  U.TraverseStmt(FD->getBody());
  bool Borrows = true;
  for (const DeclRefExpr *DRE : U.Found) {
    // The value read, through parentheses and conversions between object
    // pointer types.
    const Expr *E = DRE;
    const Stmt *Parent = PM.getParent(E);
    while (Parent) {
      if (isa<ParenExpr>(Parent)) {
        E = cast<Expr>(Parent);
      } else if (const auto *ICE = dyn_cast<ImplicitCastExpr>(Parent);
                 ICE && (ICE->getCastKind() == CK_LValueToRValue ||
                         ICE->getCastKind() == CK_NoOp ||
                         (ICE->getCastKind() == CK_BitCast &&
                          isPyObjectPointerType(ICE->getType())))) {
        E = ICE;
      } else if (const auto *CSE = dyn_cast<CStyleCastExpr>(Parent);
                 CSE && CSE->getType()->isPointerType() &&
                 !CSE->getType()->isVoidPointerType()) {
        E = CSE;
      } else {
        break;
      }
      Parent = PM.getParent(E);
    }
    bool Ok = false;
    if (!Parent) {
      Ok = false;
    } else if (isa<MemberExpr>(Parent)) {
      Ok = true; // a read through the object
    } else if (const auto *BO = dyn_cast<BinaryOperator>(Parent)) {
      Ok = BO->isEqualityOp() || BO->isLogicalOp();
    } else if (const auto *UO = dyn_cast<UnaryOperator>(Parent)) {
      Ok = UO->getOpcode() == UO_LNot;
    } else if (const auto *CE = dyn_cast<CallExpr>(Parent)) {
      Ok = CE->getCallee() != E && BorrowedBy(CE, E);
    } else if (isa<IfStmt, WhileStmt, ForStmt, DoStmt>(Parent)) {
      Ok = true; // a condition
    } else if (isa<ReturnStmt>(Parent)) {
      // Handed back as it came (long_normalize), or among borrowed
      // objects (solid_base): the caller's reference, as the summary of
      // the result says (an alias, or not judged).
      std::optional<HandedBack> H = returnsParameter(FD);
      std::optional<ParamList> Through =
          H ? std::nullopt : readsOnlyStorage(FD);
      Ok = H ? H->Arg == I : Through && llvm::is_contained(*Through, I);
    }
    if (!Ok) {
      Borrows = false;
      break;
    }
  }
  BodyBorrows[{FD, I}] = Borrows;
  return Borrows;
}
