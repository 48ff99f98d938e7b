//===- RefDiagnostics.cpp - Reports of the refcount checker ---------------===//
#include "RefDiagnostics.h"
#include "CApiHelpers.h"
#include "Impact.h"
#include "refcheck/Checker.h"

#include "clang/AST/ParentMapContext.h"

using namespace clang;
using namespace ento;
using namespace refcheck;

/// The macro an item read from ob_item spells (a load of
/// `t->ob_item[i]`): PyTuple_GET_ITEM, PyList_GET_ITEM, or, through a
/// pointer to the items, PySequence_Fast_ITEMS.
static StringRef itemReadName(const Stmt *S) {
  // The two arms of PySequence_Fast_GET_ITEM (PyRefChecker's
  // itemReadOrigin): the macro itself.
  if (isa_and_nonnull<ConditionalOperator>(S))
    return "PySequence_Fast_GET_ITEM";
  const auto *ICE = dyn_cast_or_null<ImplicitCastExpr>(S);
  if (!ICE || ICE->getCastKind() != CK_LValueToRValue)
    return "";
  const auto *ASE =
      dyn_cast<ArraySubscriptExpr>(ICE->getSubExpr()->IgnoreParens());
  if (!ASE)
    return "";
  if (const auto *ME =
          dyn_cast<MemberExpr>(ASE->getBase()->IgnoreParenImpCasts()))
    if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
        FD && FD->getName() == "ob_item") {
      if (recordName(FD->getParent()) == "PyListObject")
        return "PyList_GET_ITEM";
      return "PyTuple_GET_ITEM";
    }
  return "PySequence_Fast_ITEMS";
}

StringRef refcheck::calleeNameOf(const Stmt *S) {
  if (const auto *CE = dyn_cast_or_null<CallExpr>(S)) {
    if (const FunctionDecl *FD = CE->getDirectCallee())
      if (const IdentifierInfo *II = FD->getIdentifier())
        return userFacingName(II->getName());
    return "";
  }
  return itemReadName(S);
}

const FieldDecl *refcheck::storedIntoField(const RefState &RS) {
  if (RS.kind() != RefState::Stolen)
    return nullptr;
  const auto *BO = dyn_cast_or_null<BinaryOperator>(RS.transfer());
  if (!BO || !BO->isAssignmentOp())
    return nullptr;
  const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts());
  const auto *FD = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  return FD && FD->getName() != "ob_item" ? FD : nullptr;
}

std::string refcheck::originKey(const Stmt *Origin, const Decl *Enclosing) {
  StringRef Name = calleeNameOf(Origin);
  if (Name.empty())
    return ordinalKey(Origin ? Origin->getStmtClassName() : "expr", Origin,
                      Enclosing);
  unsigned Index = positionInBody(Origin, Enclosing, calleeNameOf);
  return (Name + "#" + Twine(Index ? Index : 1)).str();
}

std::string refcheck::refOpSpelling(const Stmt *S, const RefOpMap &RefOps) {
  if (const auto *CE = dyn_cast_or_null<CallExpr>(S))
    return RefOps.lookupAsWritten(*CE) ? calleeNameOf(CE).str() : "";
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(S))
    if (UO->isIncrementDecrementOp())
      return UO->isIncrementOp() ? "ob_refcnt++" : "ob_refcnt--";
  return "";
}

/// The model the driver made active: reports classify their path's impact
/// with its error conventions.
static const ApiModel *model() {
  const CheckerConfig *C = activeCheckerConfig();
  return C ? C->Model : nullptr;
}

RefDiagnostics::RefDiagnostics(const CheckerBase *Checker,
                               const RefOpMap &RefOps)
    : LeakBug(Checker, checks::RefLeak, "refcheck", /*SuppressOnSink=*/true),
      OverReleaseBug(Checker, checks::OverRelease, "refcheck"),
      UseAfterReleaseBug(Checker, checks::UseAfterRelease, "refcheck"),
      BorrowedReturnBug(Checker, checks::BorrowedReturn, "refcheck"),
      StealOfBorrowedBug(Checker, checks::StealOfBorrowed, "refcheck"),
      RefOps(RefOps) {}

//===----------------------------------------------------------------------===//
// Messages
//===----------------------------------------------------------------------===//

/// " (a parameter)" or " (from 'F')": where a borrowed reference came from.
static std::string borrowedFrom(const RefState &RS, StringRef Lead) {
  StringRef From = calleeNameOf(RS.origin());
  if (From.empty())
    return " (a parameter)";
  return (Lead + " '" + From + "'").str();
}

std::string RefDiagnostics::overRelease(const RefState &RS) {
  if (RS.kind() == RefState::Released)
    return "Reference released twice: the object may already be freed";
  if (const FieldDecl *FD = storedIntoField(RS))
    return "Reference released after it was stored into field '" +
           FD->getNameAsString() + "' of an object that owns it";
  // Borrowed again: the code's own reference was released before.
  if (RS.isBorrowed() && RS.transfer())
    return "Reference released twice: the one left belongs to another "
           "holder (a container, the lender)";
  if (RS.kind() == RefState::Stolen)
    return "Reference released after it was stolen by '" +
           calleeNameOf(RS.transfer()).str() + "'";
  if (StringRef From = calleeNameOf(RS.origin()); !From.empty())
    return "Borrowed reference from '" + From.str() +
           "' is released; the code does not own it";
  return "Borrowed reference (a parameter) is released; the code does "
         "not own it";
}

std::string RefDiagnostics::useAfterRelease(const RefState &RS) {
  if (RS.isBorrowed())
    return "Object used after the container it was borrowed from was "
           "released";
  return std::string("Object used after its reference was ") +
         (RS.kind() == RefState::Released
              ? "released"
              : "stolen and its container released");
}

std::string RefDiagnostics::passedAfterRelease(StringRef Callee,
                                               const RefState &RS) {
  if (RS.isBorrowed())
    return "Object passed to '" + Callee.str() +
           "' after the container it was borrowed from was released";
  return "Object passed to '" + Callee.str() + "' after its " +
         (RS.kind() == RefState::Released
              ? "reference was released"
              : "reference was stolen and its container released");
}

std::string RefDiagnostics::returnedAfterRelease(const RefState &RS) {
  return std::string("Returning an object whose reference was ") +
         (RS.kind() == RefState::Released ? "released" : "stolen");
}

std::string RefDiagnostics::dereferencedAfterRelease() {
  return "Object dereferenced after its last reference was released";
}

std::string RefDiagnostics::borrowedReturn(const RefState &RS) {
  return "Returning a borrowed reference" + borrowedFrom(RS, " from") +
         " where a new reference is owed; add Py_NewRef()";
}

std::string RefDiagnostics::stealOfBorrowed(StringRef Callee,
                                            const RefState &RS) {
  std::string From = calleeNameOf(RS.origin()).empty()
                         ? " (a parameter)"
                         : " (from '" + calleeNameOf(RS.origin()).str() + "')";
  return "'" + Callee.str() + "' steals a reference, but this one is borrowed" +
         From + "; add Py_INCREF first";
}

std::string RefDiagnostics::owedField(const Stmt *Store) {
  std::string Field = "an owning field";
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Store))
    if (const auto *ME =
            dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts()))
      Field = "owning field '" + ME->getMemberDecl()->getNameAsString() + "'";
  return "No Py_INCREF for the borrowed reference stored into " + Field +
         "; the field will release a reference it never got";
}

std::string RefDiagnostics::storedIntoOwningField(StringRef Field) {
  return "Borrowed reference stored into owning field '" + Field.str() +
         "'; it needs a Py_INCREF";
}

std::string RefDiagnostics::assumeStealFails(StringRef Callee) {
  return "Assuming '" + Callee.str() + "' fails; it does not take the reference";
}

std::string RefDiagnostics::assumeStealFailsTakes(StringRef Callee) {
  return "Assuming '" + Callee.str() + "' fails; it takes the reference";
}

std::string RefDiagnostics::assumeInPlaceFails(StringRef Callee, bool Frees) {
  return "Assuming '" + Callee.str() + "' fails; " +
         (Frees ? "it released the object and left NULL in the pointer"
                : "the pointer still holds the object");
}

//===----------------------------------------------------------------------===//
// Reports
//===----------------------------------------------------------------------===//

/// The first node on the path where Sym got its current RefState.
static const ExplodedNode *findOriginNode(const ExplodedNode *N,
                                          SymbolRef Sym) {
  // A report's node may be where the path goes on without the object
  // (PyRefChecker::reportAndForget): its history ends on the node before.
  if (N && !getRefState(N->getState(), Sym) && N->getFirstPred() &&
      getRefState(N->getFirstPred()->getState(), Sym))
    N = N->getFirstPred();
  const ExplodedNode *Origin = N;
  while (N) {
    if (!getRefState(N->getState(), Sym))
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
    // The store is ordered by the regions' addresses, which change from
    // run to run: of several variables holding Sym (`b = next;`), the one
    // declared first, so the message (and with it the report's
    // uniqueness) is the same on every run.
    struct Finder : StoreManager::BindingsHandler {
      SymbolRef Sym;
      const StackFrameContext *Frame;
      const VarRegion *Found = nullptr;
      bool HandleBinding(StoreManager &, Store, const MemRegion *R,
                         SVal V) override {
        if (V.getAsLocSymbol() == Sym)
          if (const auto *VR = dyn_cast<VarRegion>(R))
            if (VR->getStackFrame() == Frame &&
                (!Found || declaredBefore(VR->getDecl(), Found->getDecl())))
              Found = VR;
        return true;
      }
      static bool declaredBefore(const VarDecl *A, const VarDecl *B) {
        unsigned LA = A->getLocation().getRawEncoding();
        unsigned LB = B->getLocation().getRawEncoding();
        return LA != LB ? LA < LB : A->getName() < B->getName();
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

/// What the finding id knows of where Sym came from (docs/json-format.md):
/// the origin call and its ordinal; when the call is in an inlined helper,
/// the helper's name first (`deque_append:Py_INCREF#1`), so two helpers'
/// calls stay apart; when an output argument received the reference rather
/// than the result, its position (`PyErr_Fetch#1:out2`).
static std::string symbolOriginKey(const Stmt *Origin, SymbolRef Sym,
                                   const ExplodedNode *ON) {
  const LocationContext *LC = ON->getLocationContext();
  const LocationContext *Top = topFrame(LC);
  // The function the origin is written in: the symbol may be tracked from
  // an outer frame (a parameter the helper took a reference on).
  const Decl *Home = nullptr;
  if (Origin)
    Home = enclosingFunction(ON->getState()->getStateManager().getContext(),
                             Origin);
  if (!Home)
    Home = LC->getDecl();
  std::string Key = originKey(Origin, Home);
  if (Home != Top->getDecl())
    if (const auto *ND = dyn_cast_or_null<NamedDecl>(Home))
      Key = ND->getNameAsString() + ":" + Key;
  const auto *CE = dyn_cast_or_null<CallExpr>(Origin);
  ProgramStateRef St = ON->getState();
  if (!CE || Home != LC->getDecl() ||
      St->getSVal(CE, LC).getAsSymbol() == Sym)
    return Key;
  for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
    const auto *UO =
        dyn_cast<UnaryOperator>(CE->getArg(I)->IgnoreParenImpCasts());
    if (!UO || UO->getOpcode() != UO_AddrOf)
      continue;
    const auto *DRE = dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParens());
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (VD && St->getSVal(St->getLValue(VD, LC)).getAsSymbol() == Sym)
      return Key + ":out" + std::to_string(I + 1);
  }
  return Key;
}

void RefDiagnostics::report(const BugType &BT, const Twine &Msg, SymbolRef Sym,
                            ExplodedNode *N, CheckerContext &C) const {
  const ExplodedNode *ON = findOriginNode(N, Sym);
  const RefState *RS = getRefState(ON->getState(), Sym);
  const Stmt *Origin = RS ? RS->origin() : nullptr;
  std::string Key;
  if (Origin) {
    Key = symbolOriginKey(Origin, Sym, ON);
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
  auto R = std::make_unique<PathReport>(BT, Key, Msg.str(), N, model());
  R->markInteresting(Sym);
  R->addVisitor<RefHistoryVisitor>(Sym, RefOps);
  C.emitReport(std::move(R));
}

/// Whether a function's name says it takes a reference that outlives it
/// on purpose: `my_incref`, `owner_add_ref`, `AddRef`, `retain_handle`,
/// `intern_immortal`
/// (pycurl's curlmime_data_cb_owner_add_libcurl_ref keeps a reference for
/// libcurl, which a free callback gives back).
static bool namedToTakeReference(StringRef Name) {
  std::string Lower = Name.lower();
  StringRef L(Lower);
  if (L.contains("incref") || L.contains("addref") || L.contains("retain"))
    return true;
  // An object made immortal keeps the reference it was given for ever
  // (CPython 3.11's PyUnicode_InternImmortal).
  if (L.contains("immortal"))
    return true;
  SmallVector<StringRef, 8> Words;
  L.split(Words, '_', -1, /*KeepEmpty=*/false);
  static constexpr llvm::StringLiteral Takers[] = {"add",  "inc",  "take",
                                                   "hold", "keep", "grab"};
  bool Ref =
      llvm::is_contained(Words, "ref") || llvm::is_contained(Words, "refs");
  return Ref && llvm::any_of(Words, [](StringRef W) {
           return llvm::is_contained(Takers, W);
         });
}

/// Whether a frame of LC, or one it was called from, is a function named
/// to take a reference on purpose.
static bool inReferenceTaker(const LocationContext *LC) {
  for (; LC; LC = LC->getParent())
    if (const auto *FD = dyn_cast_or_null<FunctionDecl>(LC->getDecl()))
      if (FD->getIdentifier() && namedToTakeReference(FD->getName()))
        return true;
  return false;
}

void RefDiagnostics::reportLeak(SymbolRef Sym, const RefState &RS,
                                ExplodedNode *N, CheckerContext &C,
                                bool Returned) const {
  const ExplodedNode *ON = findOriginNode(N, Sym);
  const Stmt *Origin = RS.origin();
  StringRef From = calleeNameOf(Origin);
  std::string How = refOpSpelling(Origin, RefOps);
  // A reference taken on purpose by a function named for it is no leak.
  if (!How.empty() && !Returned) {
    // The frames where the reference was taken.
    const ExplodedNode *At = N;
    while (At && At->getStmtForDiagnostics() != Origin)
      At = At->getFirstPred();
    if (inReferenceTaker((At ? At : ON)->getLocationContext()))
      return;
  }
  std::string Holder = holderName(N->getFirstPred(), Sym);
  std::string Msg;
  if (!How.empty())
    Msg = "Reference taken with '" + How + "'";
  else if (!From.empty())
    Msg = "New reference from '" + From.str() + "'";
  else
    Msg = "New reference";
  if (!Holder.empty())
    Msg += " (held in '" + Holder + "')";
  if (Returned)
    Msg += RS.count() > 1 ? " is returned with " +
                                std::to_string(RS.count()) +
                                " extra references, which are leaked"
                          : " is returned with an extra reference, which "
                            "is leaked";
  else
    Msg += " is leaked";
  if (RS.count() > 1 && !Returned)
    Msg += " (" + std::to_string(RS.count()) + " references)";

  const LocationContext *OLC = ON->getLocationContext();
  PathDiagnosticLocation Unique =
      PathDiagnosticLocation::createBegin(Origin, C.getSourceManager(), OLC);
  // One object leaked at several places (a loop's `continue` and its end),
  // or with several references at one place, is told apart in the id by the
  // site and the count (after ";at=", which stays out of the origin).
  std::string At;
  if (const Stmt *Site = N->getStmtForDiagnostics())
    At = ordinalKey(Site->getStmtClassName(), Site,
                    N->getStackFrame()->getDecl());
  if (RS.count() > 1)
    At += ";refs=" + std::to_string(RS.count());
  std::string Key = symbolOriginKey(Origin, Sym, ON);
  if (!At.empty())
    Key += ";at=" + At;
  auto R = std::make_unique<PathReport>(LeakBug, Key, Msg, N, Unique,
                                        OLC->getDecl(), model());
  // One variable leaked here is one finding, whichever call made what it
  // holds (an inlined helper returning the results of different calls).
  if (!Holder.empty())
    R->setSameAs(Holder + (Returned ? ";returned" : "") +
                 ";refs=" + std::to_string(RS.count()));
  R->markInteresting(Sym);
  R->addVisitor<RefHistoryVisitor>(Sym, RefOps);
  C.emitReport(std::move(R));
}

void RefDiagnostics::reportStaticReturn(StringRef Name, const Expr *RetE,
                                        ExplodedNode *N,
                                        CheckerContext &C) const {
  auto BR = std::make_unique<PathReport>(
      BorrowedReturnBug, ("static:" + Name).str(),
      ("Returning " + Name +
       " without taking a reference; use Py_NewRef() or "
       "Py_RETURN_NONE-style macros")
          .str(),
      N, model());
  BR->addRange(RetE->getSourceRange());
  C.emitReport(std::move(BR));
}

void RefDiagnostics::reportStaticSteal(StringRef Name, StringRef Callee,
                                       const Expr *At, ExplodedNode *N,
                                       CheckerContext &C) const {
  std::string Key = "static:" + Name.str();
  if (At)
    Key += ";at=" + ordinalKey(At->getStmtClassName(), At,
                               N->getStackFrame()->getDecl());
  auto BR = std::make_unique<PathReport>(
      StealOfBorrowedBug, Key,
      ("'" + Callee + "' steals a reference to '" + Name +
       "', a statically allocated object no reference was taken on; add "
       "Py_INCREF first")
          .str(),
      N, model());
  if (At)
    BR->addRange(At->getSourceRange());
  C.emitReport(std::move(BR));
}

void RefDiagnostics::reportStaticLeak(StringRef Name, const Stmt *Origin,
                                      int Count, ExplodedNode *N,
                                      CheckerContext &C) const {
  std::string How = refOpSpelling(Origin, RefOps);
  if (How.empty())
    How = "Py_INCREF";
  std::string Msg = "Reference taken with '" + How + "' on '" + Name.str() +
                    "' is leaked";
  if (Count > 1)
    Msg += " (" + std::to_string(Count) + " references)";
  const LocationContext *LC = N->getLocationContext();
  PathDiagnosticLocation Unique =
      PathDiagnosticLocation::createBegin(Origin, C.getSourceManager(), LC);
  auto BR = std::make_unique<PathReport>(
      LeakBug, "static:" + Name.str() + ":" + originKey(Origin, LC->getDecl()),
      Msg, N, Unique, LC->getDecl(), model());
  C.emitReport(std::move(BR));
}

//===----------------------------------------------------------------------===//
// Path notes
//===----------------------------------------------------------------------===//

/// What the store S writes to, for a note: "field 'payload'", "'cache'"
/// (a global), or "memory".
static std::string storeTarget(const Stmt *S) {
  const auto *BO = dyn_cast<BinaryOperator>(S);
  if (!BO || !BO->isAssignmentOp())
    return "memory";
  const Expr *LHS = BO->getLHS()->IgnoreParenImpCasts();
  if (const auto *ME = dyn_cast<MemberExpr>(LHS))
    return "field '" + ME->getMemberDecl()->getNameAsString() + "'";
  if (const auto *DRE = dyn_cast<DeclRefExpr>(LHS))
    return "'" + DRE->getDecl()->getNameAsString() + "'";
  return "memory";
}

void RefHistoryVisitor::Profile(llvm::FoldingSetNodeID &ID) const {
  static int Tag = 0;
  ID.AddPointer(&Tag);
  ID.AddPointer(Sym);
}

PathDiagnosticPieceRef RefHistoryVisitor::VisitNode(const ExplodedNode *N,
                                                    BugReporterContext &BRC,
                                                    PathSensitiveBugReport &BR) {
  const ExplodedNode *Pred = N->getFirstPred();
  if (!Pred)
    return nullptr;
  const RefState *Now = getRefState(N->getState(), Sym);
  const RefState *Before = getRefState(Pred->getState(), Sym);
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
      if (Now->count() == Before->count()) {
        // Handed to a holder that takes a reference of its own
        // (PyDict_SetItem, PyList_Append): the count is unchanged.
        if (Callee.empty() || !Now->onBorrow() || Before->onBorrow())
          return nullptr;
        Msg = "'" + Callee.str() + "' takes a reference of its own; " + Left;
      } else if (How.empty() && !Callee.empty())
        Msg = "One reference stolen by '" + Callee.str() + "'; " + Left;
      else if (How.empty() && Now->onBorrow() && !Before->onBorrow())
        Msg = "One reference stored into " + storeTarget(S) + "; " + Left;
      else
        Msg = "Reference released; " + Left;
    } else {
      return nullptr;
    }
    break;
  case RefState::Borrowed:
    if (Now->holderGone())
      Msg = "The container it was borrowed from is released";
    else if (Before && Before->isOwned())
      Msg = "The code's own reference is released; the object lives on in "
            "another holder";
    else
      Msg = Callee.empty()
                ? "Borrowed reference"
                : "Borrowed reference returned by '" + Callee.str() + "'";
    break;
  case RefState::Released:
    Msg = "Last owned reference released" +
          (Callee.empty() ? std::string() : " by '" + Callee.str() + "'") +
          "; the object may be freed";
    break;
  case RefState::Stolen:
    if (const FieldDecl *FD = storedIntoField(*Now))
      Msg = "Reference stored into field '" + FD->getNameAsString() +
            "' of an object that owns it";
    else
      Msg = "Reference stolen by '" + Callee.str() + "'";
    break;
  }
  PathDiagnosticLocation Pos(S, BRC.getSourceManager(),
                             N->getLocationContext());
  return std::make_shared<PathDiagnosticEventPiece>(Pos, Msg, true);
}
