//===- RefState.h - What the refcount checker knows of one reference -*- C++ -*-===//
//
// The per-symbol state of PyRefChecker, shared by the transitions
// (PyRefChecker.cpp) and the diagnostics (RefDiagnostics.cpp). The program
// state traits themselves live in PyRefChecker.cpp; other files read them
// through getRefState().
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_LIB_CHECKER_REFSTATE_H
#define REFCHECK_LIB_CHECKER_REFSTATE_H

#include "clang/AST/Stmt.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallDescription.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "llvm/ADT/FoldingSet.h"

namespace refcheck {

/// What the code holds of one object:
///   Owned(n)  it owns n references and must release or transfer them (new
///             references from the API, Py_INCREF, Py_NewRef);
///   Borrowed  somebody else owns it (PyDict_GetItem, PyArg_Parse outputs,
///             an item read from a tuple's or list's ob_item);
///   Released  its last owned reference was given back with Py_DECREF;
///   Stolen    a stealing call took its last owned reference.
class RefState {
public:
  enum Kind : uint8_t { Owned, Borrowed, Released, Stolen };

private:
  Kind K;
  unsigned Count;              ///< owned references, for Owned
  const clang::Stmt *Origin;   ///< where the reference came from
  const clang::Stmt *Transfer; ///< the call that released or stole it
  /// For Stolen: the container that took the reference (the tuple of
  /// PyTuple_SET_ITEM, the module of PyModule_AddObject, the object whose
  /// field it was stored into), if known. For Borrowed: the tuple or list
  /// it was read from. The object stays alive as long as it does.
  clang::ento::SymbolRef Holder;
  /// For Stolen and Borrowed: our reference to the holder was released
  /// since.
  bool HolderGone = false;
  /// For Owned: somebody else holds the object alive too (we took our
  /// reference with Py_INCREF on a borrowed object, or handed the object to
  /// a container that keeps its own), so releasing ours does not free it.
  bool OnBorrow = false;
  /// For Owned with OnBorrow: who else holds the object is known (a
  /// container the code handed it to, the lender of a borrowed reference),
  /// so once the code's own references are released the object is
  /// borrowed from them, and releasing it again is an over-release. Without
  /// it (Py_INCREF on an object of unknown provenance) it is forgotten.
  bool LenderKnown = false;

  RefState(Kind K, unsigned Count, const clang::Stmt *Origin,
           const clang::Stmt *Transfer,
           clang::ento::SymbolRef Holder = nullptr, bool HolderGone = false,
           bool OnBorrow = false, bool LenderKnown = false)
      : K(K), Count(Count), Origin(Origin), Transfer(Transfer),
        Holder(Holder), HolderGone(HolderGone), OnBorrow(OnBorrow),
        LenderKnown(LenderKnown) {}

public:
  static RefState owned(unsigned N, const clang::Stmt *Origin) {
    return RefState(Owned, N, Origin, nullptr);
  }
  static RefState borrowed(const clang::Stmt *Origin,
                           clang::ento::SymbolRef From = nullptr) {
    return RefState(Borrowed, 0, Origin, nullptr, From);
  }
  /// Released for an object the checker knew nothing about: the code gave
  /// back a reference it held (Py_DECREF of an object popped off its own
  /// stack), so using the object afterwards is a use after release.
  static RefState releasedUnknown(const clang::Stmt *By) {
    return RefState(Released, 0, nullptr, By);
  }
  RefState released(const clang::Stmt *By) const {
    return RefState(Released, 0, Origin, By);
  }
  RefState stolen(const clang::Stmt *By, clang::ento::SymbolRef Into) const {
    return RefState(Stolen, 0, Origin, By, Into);
  }
  RefState holderReleased() const {
    return RefState(K, Count, Origin, Transfer, Holder, true);
  }
  RefState withCount(unsigned N) const {
    return RefState(Owned, N, Origin, nullptr, OnBorrow ? Holder : nullptr,
                    false, OnBorrow, LenderKnown);
  }
  /// One reference taken on a borrowed object. Lender is the borrowed
  /// state it was taken on, if known.
  static RefState ownedOnBorrow(const clang::Stmt *Origin,
                                const RefState *Lender = nullptr) {
    return RefState(Owned, 1, Origin, nullptr,
                    Lender ? Lender->Holder : nullptr, false, true,
                    Lender != nullptr);
  }
  /// A new reference to an object Holder keeps alive too (the code of the
  /// frame PyFrame_GetCode was given): released, it is borrowed from
  /// Holder.
  static RefState ownedHeldBy(const clang::Stmt *Origin,
                              clang::ento::SymbolRef Holder) {
    return RefState(Owned, 1, Origin, nullptr, Holder, false, true, true);
  }
  bool onBorrow() const { return OnBorrow; }
  bool lenderKnown() const { return LenderKnown; }
  /// Someone else (a list it was appended to) now holds it alive too.
  RefState heldElsewhere() const {
    return RefState(K, Count, Origin, Transfer, Holder, HolderGone, true,
                    true);
  }
  /// The code's last own reference to an object a known lender holds was
  /// released at By: the object is borrowed from the lender now.
  RefState backToBorrowed(const clang::Stmt *By) const {
    return RefState(Borrowed, 0, Origin, By, Holder);
  }

  Kind kind() const { return K; }
  bool isOwned() const { return K == Owned; }
  bool isBorrowed() const { return K == Borrowed; }
  bool isGone() const { return K == Released || K == Stolen; }
  /// Released, for an object the checker knew nothing about before the
  /// release (releasedUnknown()). Somebody else may still hold it (a
  /// container, a cache): only reading through the pointer afterwards
  /// (`Py_TYPE(op)->tp_name`) is judged a use after release.
  bool isReleasedUnknown() const { return K == Released && !Origin; }
  unsigned count() const { return Count; }
  const clang::Stmt *origin() const { return Origin; }
  const clang::Stmt *transfer() const { return Transfer; }
  clang::ento::SymbolRef holder() const { return Holder; }
  bool holderGone() const { return HolderGone; }

  bool operator==(const RefState &O) const {
    return K == O.K && Count == O.Count && Origin == O.Origin &&
           Transfer == O.Transfer && Holder == O.Holder &&
           HolderGone == O.HolderGone && OnBorrow == O.OnBorrow &&
           LenderKnown == O.LenderKnown;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(K);
    ID.AddInteger(Count);
    ID.AddPointer(Origin);
    ID.AddPointer(Transfer);
    ID.AddPointer(Holder);
    ID.AddBoolean(HolderGone);
    ID.AddBoolean(OnBorrow);
    ID.AddBoolean(LenderKnown);
  }
};

/// The RefState recorded for Sym in State, or nullptr.
const RefState *getRefState(clang::ento::ProgramStateRef State,
                            clang::ento::SymbolRef Sym);

/// Whether the path found Obj's type to be the static type object named
/// TypeVar: `Py_IS_TYPE(obj, &PyLong_Type)` (PyLong_CheckExact) tested true.
bool typeKnownToBe(clang::ento::ProgramStateRef State,
                   clang::ento::SymbolRef Obj, llvm::StringRef TypeVar);

/// Whether the path found Obj's type to have Flag, one of the
/// Py_TPFLAGS_*_SUBCLASS bits: `PyLong_Check(obj)` tested true.
bool flagKnownSet(clang::ento::ProgramStateRef State,
                  clang::ento::SymbolRef Obj, uint64_t Flag);
/// The Py_TPFLAGS_*_SUBCLASS bit of the built-in type Type ("int",
/// "bytes", "str", "list", "tuple", "dict"), or 0.
uint64_t subclassFlagOf(llvm::StringRef Type);

/// Refcount operations, matched by name and evaluated by the checker. The
/// object is always the last argument (_Py_DECREF takes file and line first
/// in debug builds of 3.8-3.11).
/// _Py_Dealloc (reached by Py_DECREF as a macro before 3.8) frees the object
/// whose count the code already brought to zero.
enum class RefOp { Incref, XIncref, Decref, XDecref, NewRef, XNewRef, Dealloc };
/// The refcount operations, by name (makeRefOps(), RefSummary.h).
using RefOpMap = clang::ento::CallDescriptionMap<RefOp>;

} // namespace refcheck

#endif
