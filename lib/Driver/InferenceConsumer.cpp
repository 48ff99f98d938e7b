//===- InferenceConsumer.cpp - Contract inference, callees first ----------===//
//
// The analyzer's own consumer explores a unit's functions callers first (the
// order that lets it skip, as top-level functions, those it already
// inlined). Contract inference wants the opposite: a function's callees
// inferred before it, so that its exploration applies their contracts at
// the call instead of entering their bodies again. Entering them is what
// made inference cost as much as the analysis on units of large helpers
// that call one another (cffi's _cffi_backend.c: each exploration ran out
// of budget inside the helpers it inlined, and gave no contract).
//
// This consumer runs the same engine on the same functions, in the
// bottom-up order of the call graph's strongly connected components. Once a
// function of a C unit has a contract, the engine no longer inlines it:
// later calls read the contract (ContractInference's summaries of the
// unit's own functions). Nor does it inline one whose own exploration ran
// out of budget: its callers read that nothing is known of it. A function
// left without a contract otherwise (nothing asks for one, its paths
// disagree) is inlined as before, and so are the members of a cycle while
// the cycle is explored.
//
// With a cache folder, a function whose print did not change since the
// last run is not explored: what its exploration added is applied again
// (InferenceCache.h).
//
//===----------------------------------------------------------------------===//
#include "DriverInternal.h"
#include "InferenceCache.h"
#include "refcheck/Checker.h"

#include "clang/Analysis/Analyses/LiveVariables.h"
#include "clang/Analysis/CallGraph.h"
#include "clang/CrossTU/CrossTranslationUnit.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ConstraintManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExprEngine.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/FunctionSummary.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/Store.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"
#include "llvm/ADT/SCCIterator.h"

using namespace clang;
using namespace clang::ento;
using namespace refcheck;
using namespace llvm;

namespace {
class InferenceConsumer : public ASTConsumer {
  CompilerInstance &CI;
  const std::vector<InferredContract> &Found;
  const StringMap<const InferredContract *> *Earlier;
  /// The functions' steps kept from an earlier run, if any.
  InferencePhase *Phase;
  cross_tu::CrossTranslationUnitContext CTU;
  std::unique_ptr<CheckerManager> Checkers;
  std::unique_ptr<AnalysisManager> Mgr;
  /// What the engine knows of each function across the unit's
  /// explorations: here, which ones it may inline.
  FunctionSummariesTy Summaries;
  std::vector<Decl *> TopLevel;

public:
  InferenceConsumer(CompilerInstance &CI,
                    const std::vector<InferredContract> &Found,
                    const StringMap<const InferredContract *> *Earlier,
                    InferencePhase *Phase)
      : CI(CI), Found(Found), Earlier(Earlier), Phase(Phase), CTU(CI) {}

  void Initialize(ASTContext &Ctx) override {
    // The checkers the phase made active (configureAnalyzer) register now,
    // with the checker config of the phase.
    std::function<void(CheckerRegistry &)> Register = registerCheckers;
    Checkers = std::make_unique<CheckerManager>(
        Ctx, CI.getAnalyzerOpts(), CI.getPreprocessor(),
        ArrayRef<std::string>(), ArrayRef(Register));
    Mgr = std::make_unique<AnalysisManager>(
        Ctx, CI.getPreprocessor(), PathDiagnosticConsumers(),
        CreateRegionStoreManager, CreateRangeConstraintManager, Checkers.get(),
        CI.getAnalyzerOpts());
  }

  bool HandleTopLevelDecl(DeclGroupRef DG) override {
    for (Decl *D : DG)
      TopLevel.push_back(D);
    return true;
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (CI.getDiagnostics().hasErrorOccurred() ||
        CI.getAnalyzerOpts().DisableAllCheckers ||
        !Checkers->hasPathSensitiveCheckers()) {
      Mgr.reset();
      return;
    }
    CallGraph CG;
    for (Decl *D : TopLevel)
      CG.addToCallGraph(D);
    bool UseContracts = inferenceReadsOwnContracts(Ctx.getLangOpts());
    // The static helpers an earlier phase of this parse inferred.
    if (UseContracts && Earlier)
      for (const auto &[Callee, Node] : CG)
        if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Callee))
          if (!FD->isExternallyVisible() && Earlier->contains(contractName(FD)))
            stopInlining(FD);
    if (Phase)
      if (const CheckerConfig *Cfg = activeCheckerConfig())
        Phase->begin(CI, *Cfg, Summaries);
    for (auto SCC = scc_begin(&CG); !SCC.isAtEnd(); ++SCC)
      for (CallGraphNode *N : *SCC) {
        Decl *D = N->getDecl();
        if (!D)
          continue;
        size_t Before = Found.size();
        bool CutShort = false;
        if (!Phase || !Phase->replay(D, CutShort)) {
          if (Phase)
            Phase->beforeExplore(D);
          CutShort = explore(D);
          if (Phase)
            Phase->afterExplore(D, CutShort);
        }
        const auto *FD = dyn_cast<FunctionDecl>(D);
        if (!UseContracts || !FD)
          continue;
        // Its body would cut its callers' explorations short as well: they
        // read that nothing is known of it.
        if (CutShort) {
          stopInlining(FD);
          continue;
        }
        std::string Name = contractName(FD);
        for (size_t I = Before; I < Found.size(); ++I)
          if (Found[I].Spec.Name == Name)
            stopInlining(FD);
      }
    // Its destructor flushes what the phase reported (nothing).
    Mgr.reset();
  }

private:
  void stopInlining(const FunctionDecl *FD) {
    const FunctionDecl *Def = nullptr;
    if (FD->hasBody(Def))
      Summaries.markShouldNotInline(Def);
  }

  /// D as a top-level function, as the analyzer's own consumer would
  /// explore it: the main file's code (or every code file, AnalyzeAll),
  /// never a system header's. Whether its exploration ran out of budget.
  bool explore(Decl *D) {
    if (!D->hasBody())
      return false;
    const SourceManager &SM = Mgr->getASTContext().getSourceManager();
    const Stmt *Body = D->getBody();
    SourceLocation Loc =
        SM.getExpansionLoc(Body ? Body->getBeginLoc() : D->getLocation());
    if (Loc.isInvalid() || SM.isInSystemHeader(Loc) ||
        (!Mgr->options.AnalyzeAll && !Mgr->isInCodeFile(Loc)))
      return false;
    Mgr->ClearContexts();
    AnalysisDeclContext *ADC = Mgr->getAnalysisDeclContext(D);
    if (ADC->isBodyAutosynthesized() || !Mgr->getCFG(D) ||
        !ADC->getAnalysis<RelaxedLiveVariables>())
      return false;
    ExprEngine Eng(CTU, *Mgr, /*VisitedCallees=*/nullptr, &Summaries,
                   ExprEngine::Inline_Regular);
    bool WorkLeft = Eng.ExecuteWorkList(
        Mgr->getAnalysisDeclContextManager().getStackFrame(D),
        Mgr->options.MaxNodesPerTopLevelFunction);
    Eng.getBugReporter().FlushReports();
    return WorkLeft;
  }
};
} // namespace

std::unique_ptr<ASTConsumer> refcheck::makeInferenceConsumer(
    CompilerInstance &CI, const std::vector<InferredContract> &Found,
    const StringMap<const InferredContract *> *Earlier, InferencePhase *Phase) {
  return std::make_unique<InferenceConsumer>(CI, Found, Earlier, Phase);
}
