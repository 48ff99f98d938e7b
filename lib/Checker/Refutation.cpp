//===- Refutation.cpp - Refuting infeasible report paths with Z3 ----------===//
//
// The range-based constraint manager keeps one range set per symbol, so it
// cannot see that `x + 1 > n` and `x < n - 3` contradict each other; Z3 can.
// The analyzer's own crosscheck (crosscheck-with-z3) walks the whole report
// path, rebuilding the constraint map at every node, and asks Z3 about every
// report. On the long functions of extension modules (a module init that
// adds 140 objects, each a leak report on its failure path) that costs
// twice the analysis itself. Two observations make it cheap, without
// refuting any report it would not:
//
//  - Constraints only need collecting where they could be lost or are
//    final: at the error node, and at the last node before symbols die (a
//    dead-symbol purge, a return from a call). Each symbol keeps the
//    constraint of the latest such node, its tightest: ranges only narrow
//    while a symbol lives. Missing a node only weakens the set, and a weaker
//    set refutes less, never more.
//  - A set that constrains only plain symbols (a call's result, a
//    parameter's value) is a conjunction of independent non-empty ranges:
//    always satisfiable, so Z3 is not asked. Only constraints on symbolic
//    expressions ($a + 1, $a < $b, casts) can contradict each other.
//
// Only a proof (unsat) refutes: a report on which Z3 gives up stays, where
// the analyzer's crosscheck drops its whole equivalence class.
//
//===----------------------------------------------------------------------===//
#include "Refutation.h"

#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporterVisitors.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExplodedGraph.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/RangedConstraintManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SMTConv.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/SMTAPI.h"

using namespace clang;
using namespace ento;

namespace {
using Constraints = std::vector<std::pair<SymbolRef, RangeSet>>;

/// The constraints of each state collected from, for the reports of one
/// graph. Reports of a function share most of their paths (a module init
/// with a hundred leak reports on its failure branches), and building a
/// state's constraint map is what costs. The states are those of the
/// graph being reported on, alive until the cache is reset.
struct ConstraintCache {
  llvm::DenseMap<const ProgramState *, Constraints> At;
  size_t Pairs = 0;
};
thread_local ConstraintCache TheCache;

/// The constraints of State, from the cache or built.
const Constraints &constraintsOf(ProgramStateRef State) {
  // A bound on the memory: a graph with paths too many to share.
  if (TheCache.Pairs > (1u << 22))
    refcheck::resetRefutationCache();
  auto [It, New] = TheCache.At.try_emplace(State.get());
  if (New) {
    for (const auto &SR : getConstraintMap(State))
      It->second.push_back(SR);
    TheCache.Pairs += It->second.size();
  }
  return It->second;
}

class Z3RefutationVisitor final : public BugReporterVisitor {
  /// Each symbol's range at the latest collecting node, in the order found.
  llvm::DenseMap<SymbolRef, unsigned> Index;
  std::vector<std::pair<SymbolRef, RangeSet>> Ranges;
  /// The node visited before this one (its successor on the path) purged
  /// dead symbols or left a call: this node is the last to hold them.
  bool CollectNext = true; // the error node
  ProgramStateRef LastCollected;

public:
  void Profile(llvm::FoldingSetNodeID &ID) const override {
    static int Tag = 0;
    ID.AddPointer(&Tag);
  }

  PathDiagnosticPieceRef VisitNode(const ExplodedNode *N, BugReporterContext &,
                                   PathSensitiveBugReport &) override {
    if (CollectNext)
      collect(N);
    ProgramPoint P = N->getLocation();
    CollectNext = P.getAs<PostStmtPurgeDeadSymbols>() ||
                  P.getAs<PreStmtPurgeDeadSymbols>() ||
                  P.getAs<CallExitBegin>() || P.getAs<CallExitEnd>();
    return nullptr;
  }

  void finalizeVisitor(BugReporterContext &BRC, const ExplodedNode *,
                       PathSensitiveBugReport &R) override {
    // Satisfiable unless some constraint is on an expression of symbols.
    bool AnyExpr = llvm::any_of(Ranges, [](const auto &SR) {
      return !isa<SymbolData>(SR.first);
    });
    if (!AnyExpr)
      return;
    llvm::SMTSolverRef Solver = llvm::CreateZ3Solver();
    const AnalyzerOptions &Opts = BRC.getAnalyzerOptions();
    if (Opts.Z3CrosscheckRLimitThreshold)
      Solver->setUnsignedParam("rlimit", Opts.Z3CrosscheckRLimitThreshold);
    ASTContext &Ctx = BRC.getASTContext();
    for (const auto &[Sym, RS] : Ranges) {
      llvm::SMTExprRef Any = nullptr;
      for (const Range &Rg : RS) {
        llvm::SMTExprRef In = SMTConv::getRangeExpr(
            Solver, Ctx, Sym, Rg.From(), Rg.To(), /*InRange=*/true);
        Any = Any ? Solver->mkOr(Any, In) : In;
      }
      if (Any)
        Solver->addConstraint(Any);
    }
    // Only a proof refutes. When Z3 gives up (its resource limit, on a
    // module init of a thousand constraints) the report stays: the
    // analyzer's own crosscheck drops the whole class then, and with it
    // true reports (pycurl's module init: a leaked module object and a
    // double release of a global on its error paths).
    std::optional<bool> Sat = Solver->check();
    if (Sat && !*Sat)
      R.markInvalid("refuted by Z3", nullptr);
  }

private:
  void collect(const ExplodedNode *N) {
    // The same constraints as the node collected last (later on the path):
    // nothing new. Most statements change no constraint, and building the
    // map is what costs.
    ProgramStateRef State = N->getState();
    if (LastCollected &&
        State->getConstraintManager().haveEqualConstraints(State,
                                                           LastCollected))
      return;
    LastCollected = State;
    for (const auto &[Sym, RS] : constraintsOf(State)) {
      auto [It, New] = Index.try_emplace(Sym, Ranges.size());
      if (New)
        Ranges.emplace_back(Sym, RS);
    }
  }
};
} // namespace

void refcheck::resetRefutationCache() {
  TheCache.At.clear();
  TheCache.Pairs = 0;
}

void refcheck::addZ3Refutation(PathSensitiveBugReport &R) {
  const ExplodedNode *N = R.getErrorNode();
  if (!N)
    return;
  const AnalyzerOptions &Opts =
      N->getState()->getAnalysisManager().getAnalyzerOptions();
  auto It = Opts.Config.find(RefuteWithZ3Key);
  if (It != Opts.Config.end() && It->second == "true")
    R.addVisitor<Z3RefutationVisitor>();
}
