//===- RefDiagnostics.h - Reports of the refcount checker -------*- C++ -*-===//
//
// The bug types of PyRefChecker, the wording of each report, how a report
// is keyed (origin=..., which makes finding ids line-free) and the path
// notes telling where a reference came from and where it went.
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_LIB_CHECKER_REFDIAGNOSTICS_H
#define REFCHECK_LIB_CHECKER_REFDIAGNOSTICS_H

#include "RefState.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporterVisitors.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallDescription.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include <string>

namespace refcheck {

/// The callee's name as users write it, when S is a direct call; else "".
llvm::StringRef calleeNameOf(const clang::Stmt *S);
/// For a reference stored into a field of an object the code owns (Stolen
/// by a store `owner->field = obj`): the field. Null otherwise, and for the
/// ob_item stores of the SET_ITEM macros.
const clang::FieldDecl *storedIntoField(const RefState &RS);

/// "F#k": the callee of Origin and its position among same-named calls in
/// the enclosing function body. This is what makes finding ids line-free.
std::string originKey(const clang::Stmt *Origin, const clang::Decl *Enclosing);


/// How a statement takes or drops a reference by hand, for messages:
/// "Py_INCREF" for a refcount call, "ob_refcnt++" for the pre-3.8 macros.
std::string refOpSpelling(const clang::Stmt *S, const RefOpMap &RefOps);

/// What the checker reports, and how.
class RefDiagnostics {
public:
  RefDiagnostics(const clang::ento::CheckerBase *Checker,
                 const RefOpMap &RefOps);

  const clang::ento::BugType LeakBug;
  const clang::ento::BugType OverReleaseBug;
  const clang::ento::BugType UseAfterReleaseBug;
  const clang::ento::BugType BorrowedReturnBug;
  const clang::ento::BugType StealOfBorrowedBug;

  /// A report about Sym at N, keyed on where its reference came from.
  void report(const clang::ento::BugType &BT, const llvm::Twine &Msg,
              clang::ento::SymbolRef Sym, clang::ento::ExplodedNode *N,
              clang::ento::CheckerContext &C) const;
  /// Sym's owned reference(s) RS are lost at N; with Returned, they are
  /// the references beyond the one a `return` hands the caller.
  void reportLeak(clang::ento::SymbolRef Sym, const RefState &RS,
                  clang::ento::ExplodedNode *N,
                  clang::ento::CheckerContext &C,
                  bool Returned = false) const;
  /// A statically allocated object (Py_None, a type) returned without a
  /// reference taken on it; Name is its variable, quoted, or "object".
  void reportStaticReturn(llvm::StringRef Name, const clang::Expr *RetE,
                          clang::ento::ExplodedNode *N,
                          clang::ento::CheckerContext &C) const;

  /// Callee (or a SET_ITEM macro) at At takes a reference to the statically
  /// allocated object Name that the code never took.
  void reportStaticSteal(llvm::StringRef Name, llvm::StringRef Callee,
                         const clang::Expr *At, clang::ento::ExplodedNode *N,
                         clang::ento::CheckerContext &C) const;
  /// Count references taken on the statically allocated object Name, the
  /// first at Origin, are still held when the function ends at N.
  void reportStaticLeak(llvm::StringRef Name, const clang::Stmt *Origin,
                        int Count, clang::ento::ExplodedNode *N,
                        clang::ento::CheckerContext &C) const;

  // The messages.
  static std::string overRelease(const RefState &RS);
  static std::string useAfterRelease(const RefState &RS);
  static std::string passedAfterRelease(llvm::StringRef Callee,
                                        const RefState &RS);
  static std::string returnedAfterRelease(const RefState &RS);
  static std::string dereferencedAfterRelease();
  static std::string borrowedReturn(const RefState &RS);
  static std::string stealOfBorrowed(llvm::StringRef Callee,
                                     const RefState &RS);
  static std::string owedField(const clang::Stmt *Store);
  static std::string storedIntoOwningField(llvm::StringRef Field);
  static std::string assumeStealFails(llvm::StringRef Callee);
  static std::string assumeStealFailsTakes(llvm::StringRef Callee);
  /// An in-place call (_PyBytes_Resize(&b, n)) that fails: Frees says the
  /// object went with it, leaving NULL in the pointer.
  static std::string assumeInPlaceFails(llvm::StringRef Callee, bool Frees);

private:
  const RefOpMap &RefOps;
};

/// Path notes: where each reference came from and where it went.
class RefHistoryVisitor final : public clang::ento::BugReporterVisitor {
  clang::ento::SymbolRef Sym;
  const RefOpMap &RefOps;

public:
  RefHistoryVisitor(clang::ento::SymbolRef Sym, const RefOpMap &RefOps)
      : Sym(Sym), RefOps(RefOps) {}
  void Profile(llvm::FoldingSetNodeID &ID) const override;
  clang::ento::PathDiagnosticPieceRef
  VisitNode(const clang::ento::ExplodedNode *N,
            clang::ento::BugReporterContext &BRC,
            clang::ento::PathSensitiveBugReport &BR) override;
};

} // namespace refcheck

#endif
