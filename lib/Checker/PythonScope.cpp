//===- PythonScope.cpp - Skip functions that hold no Python object --------===//
//
// Modelling only, no check of its own: the analysis of a function that can
// hold no Python object, reach no C API and call nothing refcheck cannot see
// into ends where it begins. Every check of refcheck is about Python
// objects, the exception state or the C API's arguments, so such a function
// has nothing to report, and exploring its paths (a pattern matcher's
// loops: pygit2's wildmatch.c, a tenth of the project's analysis) is time
// spent for nothing.
//
// What counts as Python (touchesPython): a Python object pointer in the
// function's signature or in the type of any expression of its body (a
// parameter, a local, a global, a field, a cast), a call to a Py*/_Py*
// function, a call through a pointer, a call to a function declared outside
// the system headers with no body here (a project function: its contract
// may raise or release), and a call to a function of this unit that does
// any of these. C++ units are not skipped: destructors run without a call
// in the source.
//
// Contract inference does not run this checker: it judges the functions
// other files call, whatever they hold.
//
//===----------------------------------------------------------------------===//
#include "CApiHelpers.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CoreEngine.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExprEngine.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/FunctionSummary.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;
using namespace ento;
using namespace refcheck;

bool refcheck::mentionsPythonObject(QualType T) {
  for (int Depth = 0; Depth < 16 && !T.isNull(); ++Depth) {
    T = T.getCanonicalType();
    if (isPyObjectPointerType(T))
      return true;
    if (const auto *FT = T->getAs<FunctionProtoType>()) {
      if (llvm::any_of(FT->param_types(), mentionsPythonObject))
        return true;
      T = FT->getReturnType();
    } else if (const auto *FT = T->getAs<FunctionType>()) {
      T = FT->getReturnType();
    } else if (T->isPointerType() || T->isReferenceType()) {
      T = T->getPointeeType();
    } else if (const ArrayType *AT = T->getAsArrayTypeUnsafe()) {
      T = AT->getElementType();
    } else {
      return false;
    }
  }
  return false;
}

namespace {
/// Fills a PythonScopeIndex::Body from one function's body.
class BodyScanner : public RecursiveASTVisitor<BodyScanner> {
  const SourceManager &SM;

public:
  PythonScopeIndex::Body &Facts;
  BodyScanner(const SourceManager &SM, PythonScopeIndex::Body &Facts)
      : SM(SM), Facts(Facts) {}

  bool shouldVisitImplicitCode() const { return true; }

  bool VisitExpr(Expr *E) {
    if (mentionsPythonObject(E->getType()))
      Facts.Direct = true;
    return !Facts.Direct;
  }
  bool VisitVarDecl(VarDecl *V) {
    if (mentionsPythonObject(V->getType()))
      Facts.Direct = true;
    return !Facts.Direct;
  }
  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee || !Callee->getIdentifier()) {
      Facts.Direct = true; // through a pointer: anything
      return false;
    }
    StringRef Name = Callee->getName();
    if (isPythonApiName(Name)) {
      Facts.Direct = true;
      return false;
    }
    const FunctionDecl *Def = nullptr;
    if (Callee->hasBody(Def)) {
      Facts.Calls.push_back(Def);
    } else if (!SM.isInSystemHeader(SM.getExpansionLoc(Callee->getLocation()))) {
      Facts.Direct = true; // a project function: its contract applies
      return false;
    }
    return true;
  }
};
} // namespace

bool PythonScopeIndex::touchesPython(const FunctionDecl *FD) {
  if (!FD)
    return true;
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def))
    return true;
  ASTContext &Ctx = Def->getASTContext();
  if (Ctx.getLangOpts().CPlusPlus || Ctx.getLangOpts().ObjC)
    return true;
  auto It = Closure.find(Def);
  if (It != Closure.end())
    return It->second;
  // Every function of the unit Def reaches: if one says Python by itself,
  // Def does (its body is followed into theirs).
  llvm::SmallVector<const FunctionDecl *, 16> Work{Def};
  llvm::SmallPtrSet<const FunctionDecl *, 16> Seen{Def};
  bool Touches = false;
  for (size_t I = 0; I < Work.size() && !Touches; ++I) {
    const FunctionDecl *F = Work[I];
    if (auto Known = Closure.find(F); Known != Closure.end()) {
      // If clean, so is everything it reaches.
      Touches = Known->second;
      continue;
    }
    auto [Slot, New] = Facts.try_emplace(F);
    Body &Got = Slot->second;
    if (New) {
      Got.Direct = mentionsPythonObject(F->getType());
      if (!Got.Direct)
        BodyScanner(Ctx.getSourceManager(), Got).TraverseStmt(F->getBody());
    }
    Touches = Got.Direct;
    for (const FunctionDecl *Callee : Got.Calls)
      if (Seen.insert(Callee).second)
        Work.push_back(Callee);
  }
  // A function found clean reaches only clean ones: they are all known now.
  if (!Touches)
    for (const FunctionDecl *F : Work)
      Closure[F] = false;
  Closure[Def] = Touches;
  return Touches;
}

namespace {
// What the engine learned of each function across one unit's explorations
// (a callee whose inlined body ran past the loop bound is not inlined
// again; a large one is inlined 32 times at most) is the analysis
// consumer's, and the engine keeps only a private pointer to it. The
// per-function cache replays what a skipped exploration taught the engine
// (TopLevelObserver), so it needs that pointer: an explicit instantiation
// may name a private member, and this one hands its address out.
template <typename Tag, typename Tag::type Member> struct ExposeMember {
  friend typename Tag::type memberOf(Tag) { return Member; }
};
struct EngineMemory {
  using type = FunctionSummariesTy *CoreEngine::*;
  friend type memberOf(EngineMemory);
};
template struct ExposeMember<EngineMemory, &CoreEngine::FunctionSummaries>;

FunctionSummariesTy *engineMemory(CheckerContext &C) {
  const CoreEngine &E = C.getStateManager().getOwningEngine().getCoreEngine();
  return E.*memberOf(EngineMemory());
}

class PythonScopeChecker : public Checker<check::BeginFunction> {
public:
  mutable PythonScopeIndex Index;
  const CheckerConfig *Config = nullptr;

  void checkBeginFunction(CheckerContext &C) const {
    TopLevelObserver *Observer = Config ? Config->TopLevel : nullptr;
    if (!C.inTopFrame()) {
      if (Observer) {
        const LocationContext *Top = C.getLocationContext();
        while (Top->getParent())
          Top = Top->getParent();
        Observer->inlined(Top->getDecl(), C.getLocationContext()->getDecl());
      }
      return;
    }
    const auto *FD =
        dyn_cast_or_null<FunctionDecl>(C.getLocationContext()->getDecl());
    // A header's function (Python.h's inline ones): explored as a
    // top-level one only because the unit includes code files
    // (includesCodeFiles), and judged where it is called.
    bool Header = FD && !isInCodeFile(C.getSourceManager(), FD->getLocation());
    // The observer hears of every top-level function, explored or not.
    if (Observer && Observer->beginTopLevel(C.getLocationContext()->getDecl(),
                                            engineMemory(C)))
      return (void)C.generateSink(C.getState(), C.getPredecessor());
    if (!FD || (!Header && Index.touchesPython(FD)))
      return;
    static const bool Say = getenv("REFCHECK_TEST_EXPLORATION") != nullptr;
    if (Say && !Header)
      llvm::errs() << "refcheck: skipped " << FD->getQualifiedNameAsString()
                   << ": no Python object\n";
    C.generateSink(C.getState(), C.getPredecessor());
  }
};
} // namespace

void refcheck::registerPythonScopeChecker(CheckerManager &Mgr) {
  Mgr.registerChecker<PythonScopeChecker>()->Config = activeCheckerConfig();
}

TopLevelObserver::~TopLevelObserver() = default;
