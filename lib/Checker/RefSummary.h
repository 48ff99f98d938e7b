//===- RefSummary.h - What one call does to references ----------*- C++ -*-===//
//
// A CallSummary says, for one call site, what the call does to each object
// argument and what its result is. RefSummaryManager builds it from every
// source refcheck has about the callee, in this order:
//   1. the ApiModel row (built-in table, refcounts.dat, .refcheck.yaml; and
//      contracts inferred from the project's own functions, which arrive
//      as ApiModel rows of their own source: see fromSpec());
//   2. annotations on the callee's declaration (REFCHECK_* macros and
//      cpychecker attributes), which override the row;
//   3. the format string of Py_BuildValue / PyArg_Parse* style calls,
//      resolved to one effect per vararg;
//   4. what the callee's body in this file shows (an error helper every
//      return of which is NULL), or the C-API convention when nothing is
//      known: a PyObject* result is a new reference, arguments are borrowed.
// PyRefChecker applies the summary; it never looks at the sources itself.
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_LIB_CHECKER_REFSUMMARY_H
#define REFCHECK_LIB_CHECKER_REFSUMMARY_H

#include "RefState.h"
#include "refcheck/ApiModel.h"
#include "refcheck/Checker.h"
#include "clang/AST/Decl.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallDescription.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <string>

namespace refcheck {

/// What a call does to the reference the caller passes as one argument.
enum class ArgEffect : uint8_t {
  Borrow,         ///< the callee borrows it (the C-API default)
  StealAlways,    ///< taken whether or not the call succeeds
  StealOnSuccess, ///< taken only when the call returns 0
  StealOnFailure, ///< taken only when the call fails (returns -1 or NULL)
  Keep,           ///< the callee takes a reference of its own (PyList_Append)
  NewRefOut,      ///< the pointee receives a new reference
  BorrowedOut,    ///< the pointee receives a borrowed reference
  InOut,          ///< the pointee's reference is consumed and replaced; if
                  ///< the call fails, the object is gone, the pointee NULL
  ReplacedOnSuccess, ///< replaced if the call succeeds, left if it fails
  Dealloc,        ///< the callee frees the object (tp_dealloc, tp_free)
  Init,           ///< the callee makes the memory a call just returned an
                  ///< object with one reference, the caller's
                  ///< (_Py_NewReference)
  Forget,         ///< what was known of the object no longer holds
  Unknown,        ///< nobody can tell: stop judging the object
};

/// What a call's result is.
struct ReturnEffect {
  enum Kind : uint8_t {
    NotObject,  ///< no reference is returned
    New,        ///< a new reference (NULL on failure when CanFail)
    Borrowed,   ///< owned by somebody else
    AlwaysNull, ///< always NULL (error helpers)
    Alias,      ///< the object passed as argument AliasArg, or NULL on
                ///< failure when CanFail
    Unknown,    ///< nobody can tell: the result is not judged
  };
  Kind K = NotObject;
  unsigned AliasArg = 0;
  bool CanFail = true;
  /// Never NULL, borrowed results included (returnsCachedObject): a test of
  /// it for NULL is dead code. (A borrowed result that "cannot fail" may
  /// still be NULL by itself: PyTuple_GET_ITEM of an empty slot.)
  bool NeverNull = false;
  /// For New: the argument that holds the object too (ResultHeldBy).
  std::optional<unsigned> HeldByArg;
};

/// When PyRefChecker applies an argument's effect.
enum class EffectTime : uint8_t {
  PostCall, ///< after the call (the usual case)
  Eval,     ///< while evaluating the call itself, instead of its inline body
  Escape,   ///< when the pointer escapes into the call
};

/// Who keeps a stolen object alive.
enum class HolderKind : uint8_t { None, FirstArg, Result };

struct ArgRule {
  unsigned Index;
  ArgEffect Effect;
  HolderKind Holder = HolderKind::None;
  EffectTime When = EffectTime::PostCall;
};

/// What one call site does to references. Rules apply in order; a
/// conditional steal splits the path, and the rules after it apply to the
/// path where the argument was taken only.
struct CallSummary {
  std::string Callee; ///< as users write it, for messages
  llvm::SmallVector<ArgRule, 4> Args;
  ReturnEffect Ret;
  /// The result says whether the new-reference out-arguments were set: they
  /// are filled when an int result is > 0, NULL otherwise (PyDict_GetItemRef).
  bool OutArgsOnPositive = false;
  /// The out-argument whose pointee is NULL only when those of all the
  /// out-arguments are (PyErr_Fetch's type).
  std::optional<unsigned> OutNullGuard;
  /// Out-arguments whose pointee is not NULL where the guard's is not
  /// (PyErr_NormalizeException's value).
  llvm::SmallVector<unsigned, 1> OutSetWithGuard;
  /// Arguments a non-NULL result proves were not NULL: Py_BuildValue
  /// fails on a NULL object.
  llvm::SmallVector<unsigned, 2> NonNullOnSuccess;
  /// The argument a format of one object ("N", "O", "S") builds: the
  /// result is that object, NULL exactly when it is.
  std::optional<unsigned> ResultIsObjectArg;
  /// Out-arguments whose pointee the callee sets to NULL before each of its
  /// failure returns (RefSummaryManager::nullOutsOnFailure): where the call
  /// fails, they hold no reference.
  llvm::SmallVector<unsigned, 2> NullOutOnFailure;
  /// An ApiModel row describes the callee.
  bool Described = false;
  /// The checker evaluates the call itself (EffectTime::Eval rules, the
  /// result) instead of inlining the callee's body from the headers.
  bool Evaluated = false;
};

/// The refcount operations, by name (RefOp, RefState.h). Each checker
/// keeps its own map: a CallDescriptionMap remembers the identifiers of the
/// first translation unit it matched in, so one shared by every file of a
/// process (contract inference runs several in one) misses calls in the
/// next file.
RefOpMap makeRefOps();

/// A call to a refcount operation, evaluated: the checkers apply Delta to
/// Obj in State, where Obj is not NULL. The X-variants (Py_XDECREF) also
/// go on, untouched, where it is NULL: NullPath. Py_NewRef's result is
/// bound to its argument in both.
struct RefOpCall {
  RefOp Op;
  clang::ento::SVal Obj;
  int Delta; ///< +1 a reference taken, -1 given back, 0 (_Py_Dealloc) none
  clang::ento::ProgramStateRef State;    ///< null when Obj must be NULL
  clang::ento::ProgramStateRef NullPath; ///< null unless an X-variant
};
/// The evaluation of Call if it is a refcount operation.
std::optional<RefOpCall> evalRefOp(const RefOpMap &Ops,
                                   const clang::ento::CallEvent &Call,
                                   clang::ento::CheckerContext &C);

/// Splits State on the result of a call that can fail: {success, failure}.
/// An int result succeeds with 0 and fails with -1; a pointer result fails
/// with NULL.
std::pair<clang::ento::ProgramStateRef, clang::ento::ProgramStateRef>
splitOnResult(clang::ento::ProgramStateRef State,
              const clang::ento::CallEvent &Call,
              clang::ento::CheckerContext &C);

/// A call whose summary says it returns argument S.Ret.AliasArg: where it
/// succeeds its result is that very object (not NULL), owned or borrowed as
/// it was; a failure (when it can fail) goes on as its own transition with
/// a NULL result. Returns the success state; State unchanged when the
/// argument index is out of range or no success is feasible.
clang::ento::ProgramStateRef
bindAliasResult(clang::ento::ProgramStateRef State, const CallSummary &S,
                const clang::ento::CallEvent &Call,
                clang::ento::CheckerContext &C);

/// State with the call's result bound to a fresh symbol (unless void).
clang::ento::ProgramStateRef
bindConjuredResult(const clang::ento::CallEvent &Call,
                   clang::ento::CheckerContext &C,
                   clang::ento::ProgramStateRef State);

/// Evaluates Call as the analyzer evaluates a call it cannot see into:
/// what its pointer arguments point to is invalidated and its result is a
/// new symbol. The post-call then applies the call's summary.
void evalOpaqueCall(const clang::ento::CallEvent &Call,
                    clang::ento::CheckerContext &C);

/// A call whose failure leaves NULL in out-arguments (S.NullOutOnFailure,
/// a function of the project the analyzer did not inline): {the state
/// where it succeeded, the one where it failed and they are NULL}; either
/// is null when infeasible.
std::pair<clang::ento::ProgramStateRef, clang::ento::ProgramStateRef>
splitOnNullOuts(clang::ento::ProgramStateRef State, const CallSummary &S,
                const clang::ento::CallEvent &Call,
                clang::ento::CheckerContext &C);

/// The pointee of pointer argument I, as a value the state can be split on.
std::optional<clang::ento::DefinedOrUnknownSVal>
pointeeOf(clang::ento::ProgramStateRef State,
          const clang::ento::CallEvent &Call, unsigned I);

/// The local variable whose address is argument I of an in-place call
/// (`_PyBytes_Resize(&b, n)`), or null: a reference replaced in a field or
/// a global belongs to that memory.
const clang::ento::MemRegion *inPlaceVariable(const clang::ento::CallEvent &Call,
                                              unsigned I);

/// The outcomes of an in-place rule (ArgEffect::InOut, ReplacedOnSuccess)
/// on its variable: {success, failure (null when the call cannot fail or
/// fails by leaving NULL)}. Succeeding, the variable holds a non-NULL new
/// reference; failing, NULL (InOut: the object Old is gone) or Old again
/// (ReplacedOnSuccess). What happens to the references is the caller's.
std::pair<clang::ento::ProgramStateRef, clang::ento::ProgramStateRef>
splitInPlace(clang::ento::ProgramStateRef State, const ArgRule &R,
             const CallSummary &S, const clang::ento::CallEvent &Call,
             clang::ento::CheckerContext &C, clang::ento::SymbolRef Old);

/// Records, in the map Trait (local variable -> symbol), the object each
/// in-place argument's variable holds before the call overwrites it.
template <typename Trait>
clang::ento::ProgramStateRef
recordInPlaceOld(clang::ento::ProgramStateRef State, const FunctionSpec *Spec,
                 const clang::ento::CallEvent &Call) {
  if (!Spec)
    return State;
  for (const std::vector<unsigned> *Args :
       {&Spec->InOutArgs, &Spec->ReplacedOnSuccessArgs})
    for (unsigned I : *Args)
      if (const clang::ento::MemRegion *Var = inPlaceVariable(Call, I))
        if (clang::ento::SymbolRef Old =
                State->getSVal(clang::ento::loc::MemRegionVal(Var))
                    .getAsLocSymbol())
          State = State->template set<Trait>(Var, Old);
  return State;
}

class RefSummaryManager {
public:
  void reset(const CheckerConfig *C) {
    Model = C ? C->Model : nullptr;
    Own = C ? C->OwnContracts : nullptr;
    Helpers = C ? C->UnitHelpers : nullptr;
  }
  /// Contracts inferred earlier in this file: they come before the model
  /// (contract inference, bottom-up).
  void setLocal(const llvm::StringMap<InferredContract> *L) { Local = L; }

  /// The summary of one call site.
  CallSummary summarize(const clang::ento::CallEvent &Call);
  /// Whether Call frees its argument I (a call through a dealloc slot).
  static bool deallocates(const clang::ento::CallEvent &Call, unsigned I);

  /// The ApiModel row for FD, by its name as declared and as written.
  const FunctionSpec *specFor(const clang::FunctionDecl *FD) const;
  /// The contract of a callback field, "Record.field" (callbackFieldKey):
  /// annotated, or inferred from the functions the project stores there.
  const FunctionSpec *specForField(llvm::StringRef Key) const;
  /// The error convention of a callback field, from the same contracts
  /// (a row of the model names it as a function's is named).
  ErrorKind fieldErrorKind(llvm::StringRef Key) const;

  /// 0-based indices of the parameters FD is annotated to steal
  /// (refcheck::steals_arg, or cpychecker_steals_reference_to_arg).
  /// With Sometimes, the parameters it steals on success or on failure only
  /// (refcheck::steals_arg_sometimes, from an inferred contract): its body
  /// owns them on some paths, so they are not judged there.
  static llvm::SmallVector<unsigned, 2>
  annotatedSteals(const clang::FunctionDecl *FD, bool Sometimes = false);

  /// Argument Clinic: the parameter is filled by a converter that gives a
  /// new reference, so the function owns it on entry.
  bool ownedOnEntry(const clang::ParmVarDecl *PVD);
  /// Whether the unit passes FD where a library asks for the function that
  /// destroys its user data (a function pointer type whose typedef names
  /// it so: cairo's cairo_destroy_func_t, GLib's GDestroyNotify, D-Bus's
  /// DBusFreeFunction): the object FD is given was handed over with a
  /// reference, which its body releases (pycairo's
  /// `_destroy_mime_user_data_func`).
  bool destroysUserData(const clang::FunctionDecl *FD);
  /// The model's own row for the function PVD belongs to (the C-API's
  /// table, the user's annotations) says the function steals it: its body
  /// owns it, on every path or on some. CPython's PyTuple_SetItem,
  /// implemented in the files analyzed, is its own row.
  /// A function stored in a callback field owns what the field's
  /// contract steals.
  bool stolenByOwnRow(const clang::ParmVarDecl *PVD) const;
  /// The callback fields (callbackFieldKey) this unit stores FD in: their
  /// contracts are FD's too. The unit's bindings are read once.
  llvm::SmallVector<std::string, 1>
  boundKeys(const clang::FunctionDecl *FD) const;
  /// The model's own row for FD says its result is not a new reference
  /// (borrowed, or an argument handed back): its returns owe none.
  bool returnsNoNewRefByOwnRow(const clang::FunctionDecl *FD) const;

  /// Whether FD reads Obj out of a table it copied into raw memory of its
  /// own: `keys = PyObject_Malloc(n); memcpy(keys, orig->ma_keys, n);` and
  /// then `Py_INCREF(entry->key)` for an `entry` that points into `keys`
  /// (through locals: `ep0 = DK_ENTRIES(keys); pvalue = &ep0->me_value;
  /// value = *pvalue;`). Each object the copy holds gets the reference of
  /// its new holder, as after a store (CPython's clone_combined_dict_keys,
  /// multidict's md_clone_from_ht).
  bool readsCopiedTable(const clang::Expr *Obj,
                        const clang::FunctionDecl *FD);
  /// Whether E is a call that returns raw memory: not an object, NULL only
  /// when memory runs out (PyMem_Malloc, PyObject_Malloc, as the model's
  /// error rows say).
  bool allocatesRawMemory(const clang::Expr *E) const;
  /// A function of this file every return of which is a null pointer.
  bool returnsOnlyNull(const clang::Decl *D);
  /// The out-parameters (`PyObject **p`) of a function of the project that
  /// sets `*p = NULL` before each of its failure returns (`return NULL;`,
  /// `return -1;`), with no other store to `*p` after it in between:
  /// longobject.c's x_divrem, `*prem = NULL; return NULL;`. Where a call
  /// that the analyzer did not inline fails, `*p` is NULL.
  llvm::SmallVector<unsigned, 2>
  nullOutsOnFailure(const clang::FunctionDecl *FD);
  /// A function of this file or of the project's headers (not a system
  /// header), with no annotation, every non-NULL return of
  /// which reads an object pointer stored somewhere (`return temp->po;`,
  /// `return table[i];`, a global) or returns a local given only such
  /// reads, NULL, or results of functions the model says return borrowed
  /// references, and that takes no reference (Py_INCREF, Py_NewRef) on what
  /// it returns: its result is borrowed.
  /// Unless it takes the object out of the slot: it moves the index it reads
  /// the slot through (`f->top--; return f->stack[f->top];`), or empties the
  /// slot (`entry->key = dummy;`, `self->x = NULL;`).
  bool returnsOnlyStoredObjects(const clang::FunctionDecl *FD);
  /// A function of this file or of the project's headers, with no
  /// annotation, every return of which is NULL or the same parameter, cast
  /// or not (`return (PyBaseExceptionObject *)exc;`, longobject.c's
  /// `long_normalize(v)`, which fixes v's size and hands it back), a
  /// parameter it never reassigns and takes no reference on: the index of
  /// that parameter, and whether it returns NULL on some path. Its result
  /// is the caller's own object.
  struct HandedBack {
    unsigned Arg = 0;
    bool OrNull = false;
  };
  std::optional<HandedBack> returnsParameter(const clang::FunctionDecl *FD);
  /// Such a function that returns what returnsOnlyStoredObjects() accepts,
  /// or some of its parameters' objects (`winner = metatype; ... winner =
  /// Py_TYPE(base);`, typeobject.c's _PyType_CalculateMetaclass): borrowed,
  /// or the caller's own object, depending on what the caller passed. Its
  /// result is not judged.
  bool returnsStoredOrArgument(const clang::FunctionDecl *FD);
  /// Whether the object made at Origin (a call) is never a shared singleton
  /// such as Py_None or Py_NotImplemented: a call of a function the model
  /// says makes a fresh object (ApiModel::makesFreshObject), through a
  /// type's tp_alloc slot, or of a
  /// function of this file every return of which is NULL or such an
  /// object (directly, or through a local variable every assignment of
  /// which is).
  bool madeFresh(const clang::Stmt *Origin) {
    return madeBy(Origin, /*New=*/false);
  }
  /// Whether the object made at Origin is also new: not an object the code
  /// had before the call. madeFresh() less the model's calls that may hand
  /// back an argument (ApiModel::mayReturnExisting: PyObject_Str of a str).
  /// The project's own functions count as fresh only when they are new.
  bool madeNew(const clang::Stmt *Origin) {
    return madeBy(Origin, /*New=*/true);
  }
  /// madeFresh() (an object of a built-in type the call made, or looked
  /// up by value: a cached small int), or a call of a function whose every
  /// result is such or one of the interpreter's singletons
  /// (FunctionSpec::FreshOrStatic): never an object of the project's own
  /// types, nor a module or type, that the code had before the call.
  bool madeOrStatic(const clang::Stmt *Origin);
  /// Whether FD, a function of this file, returns the statically allocated
  /// object Static bare on some path (`return Py_None;`, or a local
  /// variable given Py_None), and takes no
  /// reference on it anywhere (no Py_INCREF, no Py_NewRef of it): when its
  /// result is that object, the caller holds no reference to it.
  bool returnsStaticBare(const clang::FunctionDecl *FD,
                         const clang::VarDecl *Static);
  /// Whether the body of FD, a function of this file, only borrows its
  /// object parameter I: it reads it, compares it and passes it to calls
  /// that borrow it (API functions that do not steal it, or functions of
  /// this file whose bodies only borrow it), and does nothing else with it
  /// (no store, no refcount operation, no other call). It may return it
  /// as returnsParameter() or returnsStoredOrArgument() describe: then the
  /// caller's summary of the result accounts for it.
  bool bodyBorrows(const clang::FunctionDecl *FD, unsigned I);

  /// Stealing API functions that are inline in the headers (3.11+
  /// PyTuple_SET_ITEM): their steals apply at evaluation, instead of the
  /// inlined store.
  static bool isInlineStealer(const clang::ento::CallEvent &Call,
                              const FunctionSpec *Spec);
  /// API functions the model describes whose body a header defines
  /// (pythoncapi_compat's `static inline PyList_GetItemRef`, the 3.12+
  /// headers' inline functions): the call is evaluated as an opaque call
  /// (evalOpaqueCall) and its row applies, instead of the inlined shim.
  bool isModelledShim(const clang::ento::CallEvent &Call,
                      const FunctionSpec *Spec) const;

private:
  /// The ApiModel's view of the callee, as rules. Each source of facts,
  /// inferred contracts included, reaches the checker through here: a new
  /// kind of fact becomes a new ArgEffect or ReturnEffect, never a special
  /// case in the checker.
  void fromSpec(const FunctionSpec &Spec, const clang::ento::CallEvent &Call,
                CallSummary &S) const;
  void fromFormat(const FunctionSpec &Spec, const clang::ento::CallEvent &Call,
                  CallSummary &S) const;
  void fromAnnotations(const clang::FunctionDecl *FD, CallSummary &S) const;
  /// The format parameter of a variadic project function that hands its
  /// format and its `va_list` to Py_VaBuildValue (apsw's
  /// `Call_PythonMethodV(obj, name, mandatory, "(Ni)", ...)`): its varargs
  /// follow that format. Null otherwise.
  std::optional<unsigned>
  forwardedBuildFormat(const clang::FunctionDecl *FD) const;
  mutable llvm::DenseMap<const clang::FunctionDecl *, std::optional<unsigned>>
      ForwardedFormats;

  const ApiModel *Model = nullptr;
  const llvm::StringMap<InferredContract> *Local = nullptr;
  const llvm::StringMap<const InferredContract *> *Own = nullptr;
  /// CheckerConfig::UnitHelpers.
  const llvm::StringMap<const InferredContract *> *Helpers = nullptr;
  /// The callback fields this unit stores its functions in, read once.
  mutable std::optional<CallbackBindings> Bindings;
  /// The locals of a function that hold a table copied into raw memory it
  /// allocated (readsCopiedTable), per definition.
  const llvm::SmallPtrSet<const clang::VarDecl *, 2> &
  copiedTables(const clang::FunctionDecl *FD);
  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::SmallPtrSet<const clang::VarDecl *, 2>>
      CopiedTables;
  /// nullOutsOnFailure's answers, per definition.
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<unsigned, 2>>
      NullOuts;
  /// ownedOnEntry's answers for the whole file: per function (canonical
  /// declaration), the parameters it owns.
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<unsigned, 2>>
      OwnedParams;
  bool OwnedParamsKnown = false;
  /// destroysUserData's answers for the whole file (canonical declarations).
  std::optional<llvm::DenseSet<const clang::FunctionDecl *>> UserDataDestroyers;
  llvm::DenseMap<const clang::FunctionDecl *, bool> NullOnly;
  using ParamList = llvm::SmallVector<unsigned, 2>;
  /// readsOnlyStorage()'s answers; none while being computed.
  llvm::DenseMap<const clang::FunctionDecl *, std::optional<ParamList>>
      StoredOnly;
  /// returnsOnlyStoredObjects()'s rule for any function with a body, the
  /// inline ones of system headers too (Py_TYPE), when a body it judges
  /// returns their results. None when it does not hold; otherwise the
  /// parameters whose objects may be what it returns (empty: only
  /// storage).
  std::optional<ParamList> readsOnlyStorage(const clang::FunctionDecl *FD);
  /// Whether the call CE keeps (steals, releases, stores) its argument I:
  /// a refcount operation, a callee the model or an annotation says steals
  /// it, a call through a pointer, or a function of this file whose body
  /// does more than borrow it.
  bool keepsArgument(const clang::CallExpr *CE, unsigned I);
  llvm::DenseMap<const clang::FunctionDecl *, std::optional<HandedBack>>
      ReturnedParam;
  /// For the body scans: calls to refcount operations are not borrowing.
  const RefOpMap RefOps = makeRefOps();
  /// Per function of this file: whether every return is NULL or a new
  /// object (madeNew()); false while being computed.
  llvm::DenseMap<const clang::FunctionDecl *, bool> FreshResult;
  /// returnsStaticBare()'s answers per (function, static object).
  llvm::DenseMap<std::pair<const clang::FunctionDecl *, const clang::VarDecl *>,
                 bool>
      StaticBare;
  bool freshExpr(const clang::Expr *E, const clang::FunctionDecl *In);
  /// madeFresh() (New false) or madeNew() (New true).
  bool madeBy(const clang::Stmt *Origin, bool New);
  bool freshCallee(const clang::FunctionDecl *FD, bool New);
  /// bodyBorrows(), per (function, parameter); false while being computed.
  llvm::DenseMap<std::pair<const clang::FunctionDecl *, unsigned>, bool>
      BodyBorrows;
};

} // namespace refcheck

#endif
