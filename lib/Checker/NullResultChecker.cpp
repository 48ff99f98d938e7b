//===- NullResultChecker.cpp - Results used before their NULL check -------===//
//
// Checks unchecked-null.
//
// A call that returns NULL on failure (ErrorKind NullSets, NullMaybeSets,
// NullNoSet in the ApiModel) leaves its result "maybe NULL". Using it while
// the path still allows NULL is reported: dereferencing it, or passing it
// where the ApiModel says an argument must not be NULL (Py_DECREF,
// PyTuple_SET_ITEM's tuple, PyList_Append, ...). A check (`if (!r)`)
// constrains the symbol and silences the report, as does anything the
// analyzer learns about it.
//
// Ambiguous results (PyLong_AsLong and friends: -1 may be a value) are
// reported conservatively: only when the function then returns a success
// value although the result may still be the error value and PyErr_Occurred()
// was never asked since. That is the path on which an exception set by the
// conversion leaks out with a result (SystemError in Python).
//
//===----------------------------------------------------------------------===//
#include "CApiHelpers.h"
#include "Impact.h"
#include "RefState.h"

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

/// Results that may be NULL, and the call that returned each.
REGISTER_MAP_WITH_PROGRAMSTATE(MaybeNullResults, SymbolRef, const Expr *)
/// Local variables read since the last call as a maybe-NULL result the path
/// knows to be NULL, with the call that made it. The read yields a plain
/// NULL, which no longer names the call, and the result's symbol dies with
/// the variable's last use (`if (lib_failed()) goto out; ... out:
/// Py_DECREF(r);`).
REGISTER_MAP_WITH_PROGRAMSTATE(NullReads, const ValueDecl *, const Expr *)
/// Ambiguous integer results not yet checked with PyErr_Occurred().
REGISTER_MAP_WITH_PROGRAMSTATE(AmbiguousResults, SymbolRef, const Expr *)
/// Ambiguous results that died while -1 was still possible.
REGISTER_SET_WITH_PROGRAMSTATE(DeadAmbiguous, const Expr *)
/// A dict and a key, by the regions of their values.
using DictKey = std::pair<const MemRegion *, const MemRegion *>;
/// PyDict_Contains results not yet dead, and the dict and key asked about.
REGISTER_MAP_WITH_PROGRAMSTATE(ContainsResults, SymbolRef, DictKey)
/// Dicts and keys a PyDict_Contains on this path found present.
REGISTER_SET_WITH_PROGRAMSTATE(KnownKeys, DictKey)
/// _Py_Identifier variables an earlier call on this path resolved.
REGISTER_SET_WITH_PROGRAMSTATE(ResolvedIds, const MemRegion *)
/// A conversion (RepeatableConversions) and the object converted.
using Conversion = std::pair<const Decl *, SymbolRef>;
/// The result of the first such conversion on this path, kept alive while
/// the object is: converting the object again gives the same value.
REGISTER_MAP_WITH_PROGRAMSTATE(ConversionResults, Conversion, SymbolRef)

namespace {
class NullResultChecker
    : public Checker<check::ASTDecl<TranslationUnitDecl>, check::PreCall,
                     check::PostCall, check::Location,
                     check::PreStmt<ReturnStmt>, check::PostStmt<CastExpr>,
                     check::DeadSymbols, check::LiveSymbols> {
  const BugType UncheckedBug{this, checks::UncheckedNull, "refcheck"};
  mutable llvm::DenseMap<const FunctionDecl *, Contract> Contracts;

public:
  const CheckerConfig *Config = nullptr;

  void checkASTDecl(const TranslationUnitDecl *TU, AnalysisManager &Mgr,
                    BugReporter &BR) const {
    Contracts = computeContracts(TU->getASTContext());
  }
  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                     CheckerContext &C) const;
  void checkPreStmt(const ReturnStmt *RS, CheckerContext &C) const;
  void checkPostStmt(const CastExpr *CE, CheckerContext &C) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;
  void checkLiveSymbols(ProgramStateRef State, SymbolReaper &SR) const;

private:
  const ApiModel *model() const { return Config ? Config->Model : nullptr; }
  /// Reports a use of Sym if NULL is still possible; returns the state with
  /// Sym known non-NULL (or nullptr if NULL is certain).
  /// Pred is the node to continue from; it becomes the error node when a
  /// report is made.
  ProgramStateRef checkUse(ProgramStateRef State, SymbolRef Sym,
                           const Twine &How, CheckerContext &C,
                           ExplodedNode *&Pred) const;
  /// Reports the use of Origin's result, NULL (KnownNull) or maybe NULL;
  /// the path goes on with After, or ends (nullptr) where it is known NULL.
  ProgramStateRef reportUse(ProgramStateRef After, const Expr *Origin,
                            bool KnownNull, SymbolRef Sym, const Twine &How,
                            CheckerContext &C, ExplodedNode *&Pred) const;
};

StringRef calleeOf(const Expr *E) {
  return userFacingName(directCalleeName(dyn_cast_or_null<CallExpr>(E)));
}

/// Results that cannot be NULL because of what an earlier call on the path
/// did with an argument.
enum class KnownBy {
  /// The argument is a type made by one of HeapTypeMakers: its name and
  /// qualified name are stored objects (ht_name, ht_qualname), handed out
  /// without allocating.
  HeapType,
  /// The dict and key (arguments 0 and 1) were found present by a
  /// PyDict_Contains whose result the path tested true.
  DictContains,
  /// The _Py_Identifier argument was resolved by an earlier call on the
  /// path: it now caches its string, and resolving again cannot fail.
  ResolvedId,
};
struct KnownResultRow {
  const char *Name;
  KnownBy By;
};
constexpr KnownResultRow KnownResults[] = {
    {"PyType_GetName", KnownBy::HeapType},
    {"PyType_GetQualName", KnownBy::HeapType},
    {"PyDict_GetItem", KnownBy::DictContains},
    {"PyDict_GetItemWithError", KnownBy::DictContains},
    {"_PyUnicode_FromId", KnownBy::ResolvedId},
};
constexpr const char *HeapTypeMakers[] = {
    "PyType_FromSpec", "PyType_FromSpecWithBases", "PyType_FromModuleAndSpec",
    "PyType_FromMetaclass"};

/// The region an argument's value points to, through casts.
const MemRegion *argRegion(const CallEvent &Call, unsigned I) {
  if (I >= Call.getNumArgs())
    return nullptr;
  const MemRegion *R = Call.getArgSVal(I).getAsRegion();
  return R ? R->StripCasts() : nullptr;
}

/// The name of the call that returned argument I's value, or "".
StringRef argMaker(const CallEvent &Call, unsigned I) {
  if (I >= Call.getNumArgs())
    return "";
  return userFacingName(
      directCalleeName(callReturning(Call.getArgSVal(I).getAsLocSymbol())));
}

/// The _Py_Identifier variable a call's argument I points to, if any.
const MemRegion *identifierArg(const CallEvent &Call, unsigned I) {
  const auto *VR = dyn_cast_or_null<VarRegion>(argRegion(Call, I));
  if (!VR)
    return nullptr;
  QualType T = VR->getValueType();
  if (const auto *TD = T->getAs<TypedefType>())
    if (TD->getDecl()->getName() == "_Py_Identifier")
      return VR;
  const auto *RD = T->getAsRecordDecl();
  return RD && RD->getName() == "_Py_Identifier" ? VR : nullptr;
}

/// Whether the path has shown that this call's result exists (KnownResults).
bool resultKnownNonNull(const CallEvent &Call, StringRef Name,
                        ProgramStateRef State) {
  for (const KnownResultRow &R : KnownResults) {
    if (Name != R.Name)
      continue;
    switch (R.By) {
    case KnownBy::HeapType:
      return llvm::is_contained(HeapTypeMakers, argMaker(Call, 0));
    case KnownBy::ResolvedId: {
      const MemRegion *Id = identifierArg(Call, 0);
      return Id && State->contains<ResolvedIds>(Id);
    }
    case KnownBy::DictContains: {
      DictKey DK{argRegion(Call, 0), argRegion(Call, 1)};
      if (!DK.first || !DK.second)
        return false;
      if (State->contains<KnownKeys>(DK))
        return true;
      for (auto [Sym, Asked] : State->get<ContainsResults>())
        if (Asked == DK &&
            State->getConstraintManager().isNull(State, Sym).isConstrainedFalse())
          return true;
      return false;
    }
    }
  }
  return false;
}

/// Conversions whose -1 (or all-ones) result is a value, never an error,
/// when their argument is an int: they do not call __index__, and report
/// overflow through a flag or by masking.
constexpr const char *ExactOnInt[] = {
    "PyLong_AsLongAndOverflow", "PyLong_AsLongLongAndOverflow",
    "PyLong_AsUnsignedLongMask", "PyLong_AsUnsignedLongLongMask"};

/// Conversions of an int to a C number that cannot fail on a bool: 0 and
/// 1 fit every C type they convert to.
constexpr const char *ExactOnBool[] = {
    "PyLong_AsLong",   "PyLong_AsLongLong",     "PyLong_AsSsize_t",
    "PyLong_AsSize_t", "PyLong_AsUnsignedLong", "PyLong_AsUnsignedLongLong",
    "PyLong_AsDouble", "PyLong_AsInt",          "_PyLong_AsInt"};

/// Whether Call is one of ExactOnInt on an object the path knows is an int
/// (made by a PyLong_From* constructor, tested with PyLong_CheckExact or
/// PyLong_Check), or one of them or of ExactOnBool on a bool (tested with
/// PyBool_Check, made by PyBool_FromLong).
bool cannotFailOnInt(const CallEvent &Call, StringRef Name,
                     ProgramStateRef State) {
  bool OnInt = llvm::is_contained(ExactOnInt, Name);
  if ((!OnInt && !llvm::is_contained(ExactOnBool, Name)) ||
      Call.getNumArgs() == 0)
    return false;
  SymbolRef Obj = Call.getArgSVal(0).getAsLocSymbol();
  if (!Obj)
    return false;
  StringRef Maker = argMaker(Call, 0);
  if (Maker == "PyBool_FromLong" || typeKnownToBe(State, Obj, "PyBool_Type"))
    return true;
  return OnInt && (Maker.starts_with("PyLong_From") ||
                   typeKnownToBe(State, Obj, "PyLong_Type") ||
                   flagKnownSet(State, Obj, subclassFlagOf("int")));
}

/// Conversions of an object to a C value that give the same value, and
/// fail or not alike, each time they are asked about the same object (an
/// int or a float is immutable; a str's length and kind do not change).
constexpr const char *RepeatableConversions[] = {
    "PyLong_AsLong",        "PyLong_AsLongLong",  "PyLong_AsSsize_t",
    "PyLong_AsSize_t",      "PyLong_AsUnsignedLong",
    "PyLong_AsUnsignedLongLong",                  "PyLong_AsDouble",
    "PyFloat_AsDouble",     "PyUnicode_GetLength"};

/// A second conversion of an object the path already converted
/// (RepeatableConversions): its result is the first one's, so a range
/// check of the first value holds for it too. Returns State so
/// constrained (nullptr if the path cannot have them equal), and sets
/// Checked when this is a repeat and the first result is no longer
/// ambiguous (the path asked PyErr_Occurred() since, or it was a value never
/// in doubt).
ProgramStateRef sameConversion(const CallEvent &Call, StringRef Name,
                               ProgramStateRef State, CheckerContext &C,
                               bool &Checked) {
  Checked = false;
  if (!llvm::is_contained(RepeatableConversions, Name) ||
      Call.getNumArgs() != 1)
    return State;
  SymbolRef Obj = Call.getArgSVal(0).getAsLocSymbol();
  SymbolRef Res = Call.getReturnValue().getAsSymbol();
  if (!Obj || !Res)
    return State;
  Conversion Key{Call.getDecl()->getCanonicalDecl(), Obj};
  const SymbolRef *First = State->get<ConversionResults>(Key);
  if (!First)
    return State->set<ConversionResults>(Key, Res);
  Checked = !State->get<AmbiguousResults>(*First);
  auto Same = C.getSValBuilder()
                  .evalEQ(State, nonloc::SymbolVal(Res),
                          nonloc::SymbolVal(*First))
                  .getAs<DefinedOrUnknownSVal>();
  return Same ? State->assume(*Same, true) : State;
}

/// Fields a call fills that are never negative, whatever it returns (a
/// failed call leaves the struct unused): a Py_buffer's length.
struct FilledField {
  const char *Callee;
  unsigned Arg;
  const char *Field;
};
constexpr FilledField NonNegativeFields[] = {
    {"PyObject_GetBuffer", 1, "len"},
};

/// State where the fields Call filled (NonNegativeFields) are not negative:
/// `if (PyObject_GetBuffer(b, &view, flags) < 0) return -1; return
/// view.len;` never returns a negative length.
ProgramStateRef filledNonNegative(const CallEvent &Call, StringRef Name,
                                  ProgramStateRef State, CheckerContext &C) {
  for (const FilledField &F : NonNegativeFields) {
    if (Name != F.Callee || F.Arg >= Call.getNumArgs())
      continue;
    const auto *R =
        dyn_cast_or_null<SubRegion>(Call.getArgSVal(F.Arg).getAsRegion());
    const RecordDecl *RD =
        Call.getArgExpr(F.Arg)->getType()->getPointeeType()->getAsRecordDecl();
    if (!R || !RD || !RD->getDefinition())
      continue;
    for (const FieldDecl *FD : RD->getDefinition()->fields()) {
      if (FD->getName() != F.Field || !FD->getType()->isIntegerType())
        continue;
      SValBuilder &SVB = C.getSValBuilder();
      const FieldRegion *FR =
          C.getStoreManager().getRegionManager().getFieldRegion(FD, R);
      auto NonNegative =
          SVB.evalBinOp(State, BO_GE, State->getSVal(FR),
                        SVB.makeZeroVal(FD->getType()), SVB.getConditionType())
              .getAs<DefinedOrUnknownSVal>();
      if (!NonNegative)
        continue;
      if (ProgramStateRef S = State->assume(*NonNegative, true))
        State = S;
    }
  }
  return State;
}

/// The exact built-in type of argument I, when the path knows it and knows
/// the argument is not NULL: made by a call of ApiModel's TypeMakerRows, or
/// found by an exact type check (`PyBytes_CheckExact(o)` tested true).
StringRef knownArgType(const CallEvent &Call, unsigned I,
                       ProgramStateRef State) {
  if (I >= Call.getNumArgs())
    return "";
  SymbolRef Obj = Call.getArgSVal(I).getAsLocSymbol();
  if (!Obj ||
      !State->getConstraintManager().isNull(State, Obj).isConstrainedFalse())
    return "";
  if (StringRef T = ApiModel::typeMadeBy(argMaker(Call, I)); !T.empty())
    return T;
  static constexpr std::pair<const char *, const char *> ExactTypes[] = {
      {"bytes", "PyBytes_Type"}, {"str", "PyUnicode_Type"},
      {"list", "PyList_Type"},   {"tuple", "PyTuple_Type"},
      {"dict", "PyDict_Type"}};
  for (auto [Type, TypeVar] : ExactTypes)
    if (typeKnownToBe(State, Obj, TypeVar))
      return Type;
  return "";
}

/// The built-in type argument I is an instance of, or of a subclass of,
/// when the path tested it (`PyBytes_Check(o)` true), or "".
StringRef knownArgFamily(const CallEvent &Call, unsigned I,
                         ProgramStateRef State) {
  SymbolRef Obj =
      I < Call.getNumArgs() ? Call.getArgSVal(I).getAsLocSymbol() : nullptr;
  if (!Obj)
    return "";
  for (StringRef Type : {"bytes", "str", "list", "tuple", "dict"})
    if (flagKnownSet(State, Obj, subclassFlagOf(Type)))
      return Type;
  return "";
}

/// A call that fails only on an argument of the wrong type, given one of
/// the right type (ApiModel::succeedsOnType), succeeds: its pointer result
/// is not NULL, its size result not negative, and the int result of a call
/// that returns 0 on success (ErrorSpec::ZeroOnSuccess) 0. Returns State so
/// constrained, nullptr when the path had assumed the failure (it ends),
/// or std::nullopt when the call is not such a call.
std::optional<ProgramStateRef> succeedsOnKnownType(const CallEvent &Call,
                                                   StringRef Name,
                                                   const ErrorSpec *ES,
                                                   ProgramStateRef State,
                                                   CheckerContext &C) {
  if (!ApiModel::succeedsOnType(Name, knownArgType(Call, 0, State)) &&
      !ApiModel::succeedsOnSubtype(Name, knownArgFamily(Call, 0, State)))
    return std::nullopt;
  auto Ret = Call.getReturnValue().getAs<DefinedOrUnknownSVal>();
  if (!Ret)
    return std::nullopt;
  if (Call.getResultType()->isPointerType())
    return State->assume(*Ret, true);
  if (!Call.getResultType()->isIntegerType())
    return std::nullopt;
  // A call that returns exactly 0 on success (PyTuple_SetItem) returns 0.
  SValBuilder &SVB = C.getSValBuilder();
  auto NotNegative =
      SVB.evalBinOp(State, ES && ES->ZeroOnSuccess ? BO_EQ : BO_GE, *Ret,
                    SVB.makeZeroVal(Call.getResultType()),
                    SVB.getConditionType())
          .getAs<DefinedOrUnknownSVal>();
  if (!NotNegative)
    return std::nullopt;
  return State->assume(*NotNegative, true);
}

/// A call that returns a known value when an argument is NULL
/// (ErrorSpec::ResultIfArgNull, {argument, value}; for a pointer result the
/// value is 0, NULL: PyObject_CallMethod(NULL, ...)): where the argument may
/// be NULL, the path where it is goes on with that result (added here),
/// and State where it is not is returned.
ProgramStateRef resultIfArgNull(const CallEvent &Call,
                                std::pair<unsigned, int> Fact,
                                ProgramStateRef State, CheckerContext &C) {
  auto [I, Value] = Fact;
  QualType T = Call.getResultType();
  // A pointer result can only be given as NULL (0).
  if (!State || I >= Call.getNumArgs() ||
      !(T->isIntegerType() || (T->isPointerType() && Value == 0)))
    return State;
  auto Arg = Call.getArgSVal(I).getAs<DefinedOrUnknownSVal>();
  auto Ret = Call.getReturnValue().getAs<DefinedOrUnknownSVal>();
  if (!Arg || !Ret)
    return State;
  auto [NonNull, Null] = State->assume(*Arg);
  // Only a call's result is split on (a failed lookup passed on): a
  // parameter or a field that may be NULL stays as it was, one path.
  if (NonNull && Null && !isa_and_nonnull<SymbolConjured>(Arg->getAsSymbol()))
    return State;
  if (Null) {
    SValBuilder &SVB = C.getSValBuilder();
    SVal Given = T->isPointerType() ? SVal(SVB.makeNullWithType(T))
                                    : SVal(SVB.makeIntVal(Value, T));
    Null = Null->assume(
        SVB.evalEQ(Null, *Ret, Given.castAs<DefinedOrUnknownSVal>()), true);
  }
  if (!NonNull)
    return Null;
  if (Null)
    C.addTransition(Null);
  return NonNull;
}

/// State where the int result of Call is at least -1, and at most 1 with
/// UpToOne (ErrorSpec::MinusOne, ErrorSpec::AtMostOne), or nullptr when the
/// path had assumed another value.
ProgramStateRef boundedResult(const CallEvent &Call, ProgramStateRef State,
                              CheckerContext &C, bool UpToOne) {
  auto Ret = Call.getReturnValue().getAs<NonLoc>();
  if (!Ret || !Call.getResultType()->isIntegerType())
    return State;
  SValBuilder &SVB = C.getSValBuilder();
  SmallVector<std::pair<BinaryOperatorKind, int>, 2> Bounds{{BO_GE, -1}};
  if (UpToOne)
    Bounds.push_back({BO_LE, 1});
  for (auto [Op, Bound] : Bounds) {
    auto In = SVB.evalBinOpNN(State, Op, *Ret,
                              SVB.makeIntVal(Bound, Call.getResultType())
                                  .castAs<NonLoc>(),
                              SVB.getConditionType())
                  .getAs<DefinedOrUnknownSVal>();
    if (In && State)
      State = State->assume(*In, true);
  }
  return State;
}

/// `Sym == -1`: an ambiguous conversion's result (AmbiguousResults) is its
/// error value.
std::optional<DefinedOrUnknownSVal>
isMinusOne(SValBuilder &SVB, ProgramStateRef State, SymbolRef Sym) {
  return SVB
      .evalEQ(State, nonloc::SymbolVal(Sym),
              SVB.makeIntVal(-1, Sym->getType()).castAs<NonLoc>())
      .getAs<DefinedOrUnknownSVal>();
}

} // namespace

void NullResultChecker::checkPostCall(const CallEvent &Call,
                                      CheckerContext &C) const {
  if (C.wasInlined)
    return;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD || !FD->getIdentifier())
    return;
  ErrorKind K = errorKindFor(model(), FD);
  ProgramStateRef Orig = C.getState();
  StringRef Name = userFacingName(FD->getName());
  // What the path learns for later calls (KnownResults).
  ProgramStateRef State = Orig;
  const ErrorSpec *ES = errorSpecFor(model(), FD);
  std::optional<ProgramStateRef> Succeeds =
      succeedsOnKnownType(Call, Name, ES, State, C);
  if (Succeeds && !*Succeeds) {
    C.generateSink(Orig, C.getPredecessor());
    return;
  }
  if (Succeeds)
    State = *Succeeds;
  State = filledNonNegative(Call, Name, State, C);
  // `f = PyObject_GetAttrString(o, "f"); if (!PyCallable_Check(f)) ...`:
  // given NULL, the call is 0, and the path where it said yes had an f.
  if (ES && ES->ResultIfArgNull)
    State = resultIfArgNull(Call, *ES->ResultIfArgNull, State, C);
  // PyWeakref_GetRef's `== 1` false is -1 or 0: never 2; and a failure is
  // -1, so `!= -1` is success.
  // And PyTuple_Size's `if (n == -1)` false is success: never -2.
  if (ES && (ES->AtMostOne || ES->MinusOne) && State)
    State = boundedResult(Call, State, C, ES->AtMostOne);
  bool RepeatOfChecked = false;
  State = sameConversion(Call, Name, State, C, RepeatOfChecked);
  if (!State) {
    C.generateSink(Orig, C.getPredecessor());
    return;
  }
  if (Name == "PyDict_Contains") {
    DictKey DK{argRegion(Call, 0), argRegion(Call, 1)};
    if (SymbolRef Sym = Call.getReturnValue().getAsSymbol();
        Sym && DK.first && DK.second)
      State = State->set<ContainsResults>(Sym, DK);
  }
  // An identifier is resolved from now on: this call resolves it, or fails
  // and the path takes its error exit.
  for (unsigned I = 0; I < Call.getNumArgs(); ++I)
    if (const MemRegion *Id = identifierArg(Call, I))
      State = State->add<ResolvedIds>(Id);

  if (K == ErrorKind::Occurred || K == ErrorKind::Matches ||
      K == ErrorKind::Clears) {
    // The code asks (or clears whatever the conversion raised): every
    // ambiguous result counts as checked.
    for (auto [Sym, E] : State->get<AmbiguousResults>())
      State = State->remove<AmbiguousResults>(Sym);
    for (const Expr *E : State->get<DeadAmbiguous>())
      State = State->remove<DeadAmbiguous>(E);
  } else if (SymbolRef Sym = Call.getReturnValue().getAsSymbol();
             Sym && !Succeeds) {
    const Expr *CE = Call.getOriginExpr();
    ErrorSpec Probe;
    Probe.Kind = K;
    if (K == ErrorKind::Ambiguous && Call.getResultType()->isIntegerType()) {
      if (!cannotFailOnInt(Call, Name, Orig) && !RepeatOfChecked)
        State = State->set<AmbiguousResults>(Sym, CE);
    } else if (Probe.resultNeedsCheck() &&
               Call.getResultType()->isPointerType() &&
               !returnsCachedObject(Call, Name) &&
               // Judged against what the path knew before this call.
               !resultKnownNonNull(Call, Name, Orig)) {
      // A PyObject* result of a function the ownership table says cannot
      // fail is not maybe-NULL even if an error row is generic.
      const FunctionSpec *S = functionSpecFor(model(), FD->getName());
      if (!S || S->CanFail)
        State = State->set<MaybeNullResults>(Sym, CE);
    }
  }
  if (State != Orig)
    C.addTransition(State);
}

ProgramStateRef NullResultChecker::checkUse(ProgramStateRef State,
                                            SymbolRef Sym, const Twine &How,
                                            CheckerContext &C,
                                            ExplodedNode *&Pred) const {
  const Expr *const *Origin = State->get<MaybeNullResults>(Sym);
  if (!Origin)
    return State;
  ConditionTruthVal IsNull = State->getConstraintManager().isNull(State, Sym);
  if (IsNull.isConstrainedFalse())
    return State->remove<MaybeNullResults>(Sym);
  const Expr *From = *Origin;
  // Go on as if the check had been there: one report per result.
  ProgramStateRef After = State->remove<MaybeNullResults>(Sym);
  auto V = loc::MemRegionVal(
      C.getSValBuilder().getRegionManager().getSymbolicRegion(Sym));
  if (ProgramStateRef NonNull = After->assume(V, true))
    After = NonNull;
  return reportUse(After, From, IsNull.isConstrainedTrue(), Sym, How, C,
                   Pred);
}

ProgramStateRef NullResultChecker::reportUse(ProgramStateRef After,
                                             const Expr *Origin,
                                             bool KnownNull, SymbolRef Sym,
                                             const Twine &How,
                                             CheckerContext &C,
                                             ExplodedNode *&Pred) const {
  static CheckerProgramPointTag Tag("refcheck", "UncheckedNull");
  if (Config && !Config->isEnabled(checks::UncheckedNull)) {
    if (KnownNull)
      C.generateSink(After, Pred, &Tag);
    return KnownNull ? nullptr : After;
  }
  // A NULL the path knows of crashes the call, or makes it fail: the path
  // ends here (PyLong_AsSsize_t(NULL) returns no value to go on with).
  ExplodedNode *N = KnownNull ? C.generateErrorNode(After, Pred, &Tag)
                              : C.generateNonFatalErrorNode(After, Pred, &Tag);
  if (!N)
    return KnownNull ? nullptr : After;
  Pred = N;
  StringRef From = calleeOf(Origin);
  std::string Msg =
      KnownNull ? ("Result of '" + From + "' is NULL here and " + How).str()
                : ("Result of '" + From + "' may be NULL and " + How +
                   " without a NULL check")
                      .str();
  const Decl *D = C.getLocationContext()->getStackFrame()->getDecl();
  // The crash needs the call to fail.
  auto R = std::make_unique<PathReport>(
      UncheckedBug, ordinalKey(From.empty() ? "call" : From, Origin, D), Msg,
      N, model(), From);
  if (Sym)
    R->markInteresting(Sym);
  C.emitReport(std::move(R));
  return KnownNull ? nullptr : After;
}

/// The variable argument Idx was read from, if that read gave a known-NULL
/// result (NullReads).
static const ValueDecl *nullReadVar(const CallEvent &Call, unsigned Idx,
                                    ProgramStateRef State) {
  if (!Call.getArgSVal(Idx).isZeroConstant())
    return nullptr;
  const auto *DRE =
      dyn_cast<DeclRefExpr>(Call.getArgExpr(Idx)->IgnoreParenCasts());
  return DRE && State->get<NullReads>(DRE->getDecl()) ? DRE->getDecl()
                                                       : nullptr;
}

void NullResultChecker::checkPreCall(const CallEvent &Call,
                                     CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  ExplodedNode *Pred = C.getPredecessor();
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  const ErrorSpec *E =
      FD && FD->getIdentifier() ? errorSpecFor(model(), FD) : nullptr;
  if (E) {
    std::string How =
        ("is passed to '" + userFacingName(FD->getName()) + "'").str();
    for (unsigned Idx : E->nonNullArgsOf(Call.getNumArgs())) {
      if (!State)
        return; // the path ended at a known NULL
      if (SymbolRef Sym = Call.getArgSVal(Idx).getAsLocSymbol())
        State = checkUse(State, Sym, How, C, Pred);
      else if (const ValueDecl *VD = nullReadVar(Call, Idx, State))
        State = reportUse(State->remove<NullReads>(VD),
                          *State->get<NullReads>(VD), /*KnownNull=*/true,
                          nullptr, How, C, Pred);
    }
  }
  if (!State)
    return;
  // The reads of this call's arguments are used up.
  if (!State->get<NullReads>().isEmpty())
    State = State->remove<NullReads>();
  if (State != C.getState() && State != Pred->getState())
    C.addTransition(State, Pred);
}

void NullResultChecker::checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                                      CheckerContext &C) const {
  const MemRegion *R = Loc.getAsRegion();
  if (!R)
    return;
  if (const auto *VR = dyn_cast<VarRegion>(R); VR && IsLoad) {
    // A read of a local variable: remember which result it read as NULL.
    ProgramStateRef State = C.getState();
    const VarDecl *VD = VR->getDecl();
    SymbolRef Sym = State->getRawSVal(loc::MemRegionVal(VR)).getAsLocSymbol();
    bool KnownNull = Sym && State->get<MaybeNullResults>(Sym) &&
                     State->getConstraintManager()
                         .isNull(State, Sym)
                         .isConstrainedTrue();
    if (KnownNull)
      State = State->set<NullReads>(VD, *State->get<MaybeNullResults>(Sym));
    else if (State->get<NullReads>(VD))
      State = State->remove<NullReads>(VD);
    if (State != C.getState())
      C.addTransition(State);
    return;
  }
  const SymbolicRegion *SR = R->getSymbolicBase();
  if (!SR)
    return;
  ProgramStateRef State = C.getState();
  ExplodedNode *Pred = C.getPredecessor();
  ProgramStateRef After =
      checkUse(State, SR->getSymbol(), "is dereferenced", C, Pred);
  if (After && After != State && After != Pred->getState())
    C.addTransition(After, Pred);
}

void NullResultChecker::checkLiveSymbols(ProgramStateRef State,
                                         SymbolReaper &SR) const {
  for (auto [Key, First] : State->get<ConversionResults>())
    if (SR.isLive(Key.second))
      SR.markLive(First);
}

void NullResultChecker::checkDeadSymbols(SymbolReaper &SR,
                                         CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  bool Changed = false;
  for (auto [Sym, E] : State->get<MaybeNullResults>())
    if (SR.isDead(Sym)) {
      State = State->remove<MaybeNullResults>(Sym);
      Changed = true;
    }
  // A dying PyDict_Contains result the path tested true leaves the fact
  // behind (its constraint goes with it).
  for (auto [Sym, DK] : State->get<ContainsResults>())
    if (SR.isDead(Sym)) {
      if (State->getConstraintManager().isNull(State, Sym).isConstrainedFalse())
        State = State->add<KnownKeys>(DK);
      State = State->remove<ContainsResults>(Sym);
      Changed = true;
    }
  for (auto [Key, First] : State->get<ConversionResults>())
    if (SR.isDead(Key.second)) {
      State = State->remove<ConversionResults>(Key);
      Changed = true;
    }
  // A fact about a dict or a key no longer reachable can never be used
  // again; kept, it would only tell apart paths that are otherwise alike.
  for (const DictKey &DK : State->get<KnownKeys>())
    if (!SR.isLiveRegion(DK.first) || !SR.isLiveRegion(DK.second)) {
      State = State->remove<KnownKeys>(DK);
      Changed = true;
    }
  SValBuilder &SVB = C.getSValBuilder();
  for (auto [Sym, E] : State->get<AmbiguousResults>()) {
    if (!SR.isDead(Sym))
      continue;
    State = State->remove<AmbiguousResults>(Sym);
    Changed = true;
    if (auto DV = isMinusOne(SVB, State, Sym))
      if (State->assume(*DV, true))
        State = State->add<DeadAmbiguous>(E);
  }
  if (Changed)
    C.addTransition(State);
}

/// A conversion's result that may be its error value, converted to an
/// unsigned type (`uint32_t tag = PyLong_AsLong(o)`): the engine keeps the
/// signed value, so `tag == (uint32_t)-1`, the code's test for the error,
/// would not be about -1 (rpm's tagNumFromPyObject). The path parts here:
/// where the conversion failed, the value is all ones.
void NullResultChecker::checkPostStmt(const CastExpr *CE,
                                      CheckerContext &C) const {
  if (CE->getCastKind() != CK_IntegralCast)
    return;
  QualType To = CE->getType();
  if (!To->isUnsignedIntegerType() ||
      !CE->getSubExpr()->getType()->isSignedIntegerType())
    return;
  ProgramStateRef State = C.getState();
  SymbolRef Sym = C.getSVal(CE->getSubExpr()).getAsSymbol();
  if (!Sym || !State->get<AmbiguousResults>(Sym))
    return;
  SValBuilder &SVB = C.getSValBuilder();
  auto IsMinusOne = isMinusOne(SVB, State, Sym);
  if (!IsMinusOne)
    return;
  auto [Failed, Other] = State->assume(*IsMinusOne);
  if (!Failed)
    return;
  BasicValueFactory &BVF = SVB.getBasicValueFactory();
  Failed = Failed->BindExpr(CE, C.getLocationContext(),
                            SVB.makeIntVal(BVF.getMaxValue(To)));
  C.addTransition(Failed);
  if (Other)
    C.addTransition(Other);
}

void NullResultChecker::checkPreStmt(const ReturnStmt *RS,
                                     CheckerContext &C) const {
  if (!C.inTopFrame() || !RS->getRetValue())
    return;
  if (Config && !Config->isEnabled(checks::UncheckedNull))
    return;
  const auto *FD =
      dyn_cast_or_null<FunctionDecl>(C.getLocationContext()->getDecl());
  if (!FD)
    return;
  auto It = Contracts.find(FD->getCanonicalDecl());
  if (It == Contracts.end())
    return;
  ProgramStateRef State = C.getState();
  auto DV = C.getSVal(RS->getRetValue()).getAs<DefinedOrUnknownSVal>();
  if (!DV)
    return;
  // Only success returns: non-NULL, or 0 for int slots.
  auto [NonZero, Zero] = State->assume(*DV);
  // A result not known to be NULL may be a success.
  bool Success = It->second == Contract::ObjectOrNull ? bool(NonZero)
                                                      : (Zero && !NonZero);
  if (!Success)
    return;
  const Expr *Culprit = nullptr;
  SValBuilder &SVB = C.getSValBuilder();
  for (auto [Sym, E] : State->get<AmbiguousResults>()) {
    if (auto D = isMinusOne(SVB, State, Sym))
      if (State->assume(*D, true)) {
        Culprit = E;
        break;
      }
  }
  if (!Culprit && !State->get<DeadAmbiguous>().isEmpty())
    Culprit = *State->get<DeadAmbiguous>().begin();
  if (!Culprit)
    return;
  ExplodedNode *N = C.generateNonFatalErrorNode(State);
  if (!N)
    return;
  StringRef From = calleeOf(Culprit);
  // The exception leaks out only when the conversion fails.
  auto R = std::make_unique<PathReport>(
      UncheckedBug, ordinalKey(From, Culprit, FD),
      ("Result of '" + From +
       "' may be -1 with an exception set, and the function returns success "
       "without checking PyErr_Occurred()")
          .str(),
      N, model(), From);
  R->addRange(Culprit->getSourceRange());
  C.emitReport(std::move(R));
}

void refcheck::registerNullResultChecker(CheckerManager &Mgr) {
  registerWithConfig<NullResultChecker>(Mgr);
}
