//===- InferenceCache.h - Contract inference kept per function --*- C++ -*-===//
//
// A warm run after an edit infers again only the functions whose code or
// inputs changed. An inference phase of a unit (InferenceConsumer) explores
// its functions callees first, each exploration adding to what the phase
// knows: contracts ContractInference keeps for the calls after it and hands
// to the driver, helpers it names for a second round, and the engine's
// memory across explorations (a callee not to inline again, how often a
// large one was inlined). Each exploration's additions are kept (a step);
// on the next run a function whose print is unchanged is not explored and
// its step is applied in its place.
//
// A function's print, taken when its exploration begins, covers what that
// exploration can read:
//  - the text of its definition and of every one it inlined, and of every
//    definition of the unit those name (UnitIndex::closure);
//  - for each of those, the contract the phase keeps for it then (inferred
//    earlier in the phase, or by the phase before), and the engine's memory
//    of it (not to inline; times inlined, up to the limit that counts);
//  - the contracts the phase keeps for callback fields then;
//  - the phase's inputs: the unit's print (FunctionCache.h), the API model
//    with the other files' contracts, the sets the phase reads (the
//    project's functions, those asked for, the helpers of a second round).
// So a step is applied only where the exploration would have made it:
// a warm run infers what a cold run infers.
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_DRIVER_INFERENCECACHE_H
#define REFCHECK_DRIVER_INFERENCECACHE_H

#include "FunctionCache.h"
#include "refcheck/Checker.h"
#include "llvm/ADT/StringMap.h"
#include <memory>
#include <string>
#include <vector>

namespace clang {
class CompilerInstance;
namespace ento {
class FunctionSummariesTy;
}
} // namespace clang

namespace refcheck {

class InferenceCache;

/// One inference phase of a parse (the static helpers' rounds, the other
/// functions'): its checker's memo, and what its consumer asks before and
/// after each exploration.
class InferencePhase final : public InferenceMemo {
public:
  InferencePhase(InferenceCache &Cache, std::string Name)
      : Cache(Cache), Name(std::move(Name)) {}

  /// The phase's explorations begin, with Cfg's config and the engine's
  /// memory Summaries.
  void begin(clang::CompilerInstance &CI, const CheckerConfig &Cfg,
             clang::ento::FunctionSummariesTy &Summaries);
  /// D's exploration is next: true if an earlier run's step was applied
  /// in its place (CutShort: whether that exploration ran out of budget).
  bool replay(const clang::Decl *D, bool &CutShort);
  /// D is explored now, and was, CutShort telling whether it ran out of
  /// budget.
  void beforeExplore(const clang::Decl *D);
  void afterExplore(const clang::Decl *D, bool CutShort);

  void attach(std::function<void(const InferenceStep &)> Apply,
              const llvm::StringMap<InferredContract> *Known) override;
  void explored(const clang::Decl *Top, const InferenceStep &Step) override;

private:
  friend class InferenceCache;
  struct Record {
    std::string Print;
    std::vector<std::string> Inlined;
    std::vector<UnitIndex::Mark> Marks;
    bool CutShort = false;
    /// Contracts' origins as (file, line - the definition's first line).
    InferenceStep Step;
    std::vector<std::pair<std::string, int>> Origins;
  };
  std::string printOf(const clang::Decl *D, llvm::ArrayRef<std::string> Inlined,
                      const std::vector<UnitIndex::Memory> &Start) const;

  InferenceCache &Cache;
  std::string Name;
  std::function<void(const InferenceStep &)> Apply;
  const llvm::StringMap<InferredContract> *Known = nullptr;
  const CheckerConfig *Cfg = nullptr;
  clang::ento::FunctionSummariesTy *Summaries = nullptr;
  unsigned InlineLimit = 0;
  std::string PhasePrint;
  /// The engine's memory when the exploration under way began.
  std::vector<UnitIndex::Memory> Start;
  std::optional<Record> Pending;
  llvm::StringMap<Record> Previous, Made;
};

/// The inference phases of one parse, and the file they are kept in.
class InferenceCache {
public:
  /// Path: the file steps are read from and kept in; empty: none are.
  InferenceCache(std::string Path, UnitIndex &Index);
  /// The phase called Name ("helpers", "helpers-again", "contracts").
  InferencePhase &phase(llvm::StringRef Name);
  /// Writes what this run's phases explored and reused, after a parse that
  /// completed; a failure only loses the cache.
  void save() const;
  unsigned explored() const { return Explored; }
  unsigned reused() const { return Reused; }

private:
  friend class InferencePhase;
  void load();
  std::string Path;
  UnitIndex &Index;
  std::vector<std::unique_ptr<InferencePhase>> Phases;
  llvm::StringMap<llvm::StringMap<InferencePhase::Record>> Loaded;
  unsigned Explored = 0, Reused = 0;
};

} // namespace refcheck
#endif
