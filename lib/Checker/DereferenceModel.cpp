//===- DereferenceModel.cpp - What a dereference says about a pointer -----===//
//
// Modelling only, no check of its own: a path that reads or writes through
// a pointer goes on only where that pointer is not NULL (NULL would have
// crashed there), and a path that dereferences a pointer known to be NULL
// ends. clang's core.NullDereference models the same but reports; refcheck
// runs none of clang's reporting checkers.
//
// The same holds for the C-API calls the model evaluates instead of
// following their inline bodies (Py_SIZE, PyTuple_GET_SIZE, Py_INCREF...):
// a function whose error row says it never fails yet needs an object
// (non-NULL arguments, ErrorTable.cpp) cannot report NULL, so it crashes
// on it; after it, that argument is not NULL. Those that can fail (a NULL
// there raises SystemError) say nothing.
//
// An object's stored size (Py_SIZE, PyUnicode_GET_LENGTH) is never
// negative, in the analysis and in the inference alike.
//
// Without this, `PyTuple_GET_SIZE(args)` left args free to be NULL later: a
// helper's `Py_INCREF(args); return args;` then returned NULL with no
// exception set (_functoolsmodule.c's bounded_lru_cache_wrapper, reached
// through a function pointer).
//
//===----------------------------------------------------------------------===//
#include "CApiHelpers.h"

#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"

using namespace clang;
using namespace ento;
using namespace refcheck;

namespace {
/// What State says once V, a pointer the code went through, is not NULL:
/// nullptr when it is NULL on every path (the path crashed).
static ProgramStateRef goneThrough(ProgramStateRef State, DefinedSVal V,
                                   bool &Changed) {
  auto [NonNull, Null] = State->assume(V);
  Changed = NonNull && Null;
  return NonNull;
}

/// The accessors of an object's stored size, when a table row (rather than
/// their inline body) evaluates them.
static constexpr const char *SizeAccessors[] = {
    "Py_SIZE",          "PyTuple_GET_SIZE",     "PyList_GET_SIZE",
    "PyBytes_GET_SIZE", "PyByteArray_GET_SIZE", "PyUnicode_GET_LENGTH",
};

/// Whether Sym is the size an object stores (PyVarObject's ob_size behind
/// Py_SIZE, PyASCIIObject's length behind PyUnicode_GET_LENGTH), read from
/// the object or returned by its accessor; it is never negative.
static bool isStoredObjectSize(SymbolRef Sym) {
  if (isa<SymbolConjured>(Sym))
    return llvm::is_contained(
        SizeAccessors, userFacingName(directCalleeName(callReturning(Sym))));
  const FieldRegion *FR = fieldOfValue(Sym);
  if (!FR)
    return false;
  const FieldDecl *F = FR->getDecl();
  StringRef Record = recordName(F->getParent()); // typedef struct {...} X;
  return (F->getName() == "ob_size" && Record == "PyVarObject") ||
         (F->getName() == "length" && Record == "PyASCIIObject");
}

class DereferenceModel
    : public Checker<check::Location, check::PostCall, eval::Assume> {
public:
  const CheckerConfig *Config = nullptr;

  void checkPostCall(const CallEvent &Call, CheckerContext &C) const {
    if (C.wasInlined)
      return; // the body's own reads said it
    const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
    if (!FD || !FD->getIdentifier())
      return;
    const ErrorSpec *E =
        errorSpecFor(Config ? Config->Model : nullptr, FD->getName());
    if (!E || E->Kind != ErrorKind::NoEffect || E->NonNullArgs.empty())
      return;
    ProgramStateRef State = C.getState();
    bool Any = false;
    for (unsigned Idx : E->nonNullArgsOf(Call.getNumArgs())) {
      auto V = Call.getArgSVal(Idx).getAs<DefinedSVal>();
      if (!V || !isa<Loc>(*V))
        continue;
      bool Changed = false;
      State = goneThrough(State, *V, Changed);
      if (!State) {
        C.generateSink(C.getState(), C.getPredecessor());
        return;
      }
      Any |= Changed;
    }
    if (Any)
      C.addTransition(State);
  }

  void checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                     CheckerContext &C) const {
    // A region's location stands for its symbolic base (p for p->field,
    // p[i] or *p); a variable's own region is never NULL.
    auto L = Loc.getAs<DefinedSVal>();
    if (!L || !isa<loc::MemRegionVal, loc::ConcreteInt>(*L))
      return;
    ProgramStateRef State = C.getState();
    if (const MemRegion *R = L->getAsRegion()) {
      const SymbolicRegion *Base = R->getSymbolicBase();
      // Most reads: a variable of the code's own, or a pointer the path
      // already knows is not NULL.
      if (!Base || State->getConstraintManager()
                       .isNull(State, Base->getSymbol())
                       .isConstrainedFalse())
        return;
    }
    bool Changed = false;
    ProgramStateRef After = goneThrough(State, *L, Changed);
    if (!After)
      C.generateSink(State, C.getPredecessor());
    else if (Changed)
      C.addTransition(After);
  }

  ProgramStateRef evalAssume(ProgramStateRef State, SVal Cond,
                             bool Assumption) const {
    // An object's stored size is never negative: a path that needs it to
    // be (a dead `if (PyUnicode_GET_LENGTH(s) == -1)`) is not followed. In
    // the inference too: cbor2's fp_read_bytes returns PyBytes_GET_SIZE of
    // what it read, and a negative one, which the helper calling it
    // returned as a failure with no exception set, made its error
    // convention unknown.
    for (SymbolRef Sym : Cond.symbols()) {
      if (!Sym->getType()->isSignedIntegerType() || !isStoredObjectSize(Sym))
        continue;
      SValBuilder &SVB = State->getStateManager().getSValBuilder();
      auto NonNeg =
          SVB.evalBinOp(State, BO_GE, nonloc::SymbolVal(Sym),
                        SVB.makeZeroVal(Sym->getType()), SVB.getConditionType())
              .getAs<DefinedOrUnknownSVal>();
      if (NonNeg && !State->assume(*NonNeg, true))
        return nullptr;
    }
    return State;
  }
};
} // namespace

void refcheck::registerDereferenceChecker(CheckerManager &Mgr) {
  registerWithConfig<DereferenceModel>(Mgr);
}
