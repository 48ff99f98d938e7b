//===- FunctionCache.h - Findings kept per top-level function --*- C++ -*-===//
//
// A warm run after an edit explores only the top-level functions whose
// code changed. The analysis of a unit is a sequence of explorations, one
// per top-level function, each inlining some others; the reports of each
// are kept apart (a batch) until the unit ends, then merged as the
// analyzer would have merged them (FindingCollector). The batches of the
// explored functions go to a file in the cache; on the next run, a
// function whose print is unchanged is not explored and its batch is read
// back, its lines moved with the function.
//
// A function's print covers what its exploration can read:
//  - the text of its definition and of every one its last exploration
//    inlined, and of every definition of the unit those name (a function
//    it did not enter may be entered once its text changes; what that one
//    names is not read);
//  - the contracts the analysis holds for those functions (the unit's own
//    inferred ones, which a warm run infers again);
//  - the rest of the unit: the text outside the unit's function
//    definitions, whitespace runs folded (declarations, macros, types,
//    tables), every header without such definitions whole, and the API
//    model with the other files' contracts.
// The file holding the batches is named by a key over the options, the
// compile command and refcheck's build, as the unit's cache entry is, but
// not over the contracts or the file's contents: each print checks those.
//
// The engine also remembers across the explorations of a unit which callee
// it no longer inlines (its loop ran past the bound, or a large one was
// inlined often enough): each kept exploration keeps what it taught the
// engine (marks), a reused one teaches it again, and a function's print
// covers what the engine remembers of the functions it reads when its
// exploration begins.
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_DRIVER_FUNCTIONCACHE_H
#define REFCHECK_DRIVER_FUNCTIONCACHE_H

#include "refcheck/ApiModel.h"
#include "refcheck/Checker.h"
#include "refcheck/Finding.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/JSON.h"
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace clang {
namespace ento {
class FunctionSummariesTy;
}
class ASTContext;
class CompilerInstance;
class Decl;
class FunctionDecl;
namespace ento {
class PathDiagnostic;
}
} // namespace clang

namespace refcheck {

/// A place a report names: the finding's, a path step's, or one of the
/// places the merge compares. Anchor is the key of the function definition
/// it lies in (its Line then moves with the function), empty for a place
/// in a system header (whose text the unit's print covers); Unanchored is
/// set for a place in neither (its batch is not kept).
struct ReportPlace {
  std::string File;
  unsigned Line = 0, Column = 0;
  std::string Anchor;
  bool Unanchored = false;
  /// Where File comes in the unit, for the merge's order (0: unknown, or
  /// read from a precompiled header).
  unsigned Rank = 0;
};

/// One report of one exploration, as the merge reads it.
struct ReportCandidate {
  Finding F;
  /// Places: [0] the finding's, [1] where the analyzer put the report,
  /// [2] its uniqueing place, then one per step of F.Path.
  std::vector<ReportPlace> Places;
  /// The analyzer's description and category, the declaration the issue
  /// is in, and the checker's SameAs key (ReportTag).
  std::string Description, Category, DeclWithIssue, SameAs;
  /// The report's path: pieces in all, and at the top level.
  unsigned FullSize = 0, PathSize = 0;
  /// The report of this run and where it goes, for clang's -verify (none
  /// when read back).
  const clang::ento::PathDiagnostic *PD = nullptr;
  clang::SourceLocation Loc;
};

/// A declaration's name across runs (its USR).
std::string declKey(const clang::Decl *D);

/// The reports of one exploration (or of the AST checks, Top empty).
struct ReportBatch {
  std::string Top;
  bool Reused = false;
  std::vector<ReportCandidate> Reports;
};

/// The order of the analyzer's consumer: by place, uniqueing place, check,
/// category, description, then the rest.
bool reportOrder(const ReportCandidate &A, const ReportCandidate &B);

/// The reports of every batch merged as the analyzer merges the reports of
/// one unit: the same report from two explorations is kept once (the one
/// with the shorter path, else the first); reports the checker marks as
/// the same (ReportTag::SameAs) at one place are one finding, and so are
/// reports at one finding place that share a finding id, with or without
/// such a key (the most frequent impact, then the shorter path, then the
/// first).
std::vector<const ReportCandidate *>
mergeBatches(const std::vector<ReportBatch> &Batches);

/// The function definitions of one parse, with what a print of each is
/// made of: the digest of its text and the definitions it names; and the
/// print of the rest of the unit (BasePrint): the text outside the
/// definitions, comments and blank runs folded, and every other file the
/// unit read. Made once per parse, for the caches of its phases.
class UnitIndex {
public:
  struct Definition {
    const clang::FunctionDecl *Decl = nullptr;
    std::string Key;
    clang::FileID File;
    unsigned Begin = 0, End = 0; ///< offsets in File, End past the last
    unsigned Line = 0;           ///< presumed line of Begin
    std::string Text;            ///< digest of the definition's text
    std::vector<const clang::FunctionDecl *> Names;
    bool System = false;
  };

  /// Directory: the compile command's, which relative names are under.
  explicit UnitIndex(std::string Directory) : Directory(std::move(Directory)) {}
  /// Indexes the parse CI, once (later calls do nothing).
  void build(clang::CompilerInstance &CI);
  /// The AST is going away.
  void clear();

  const Definition *definitionOf(const clang::Decl *D) const;
  const Definition *byKey(llvm::StringRef Key) const;
  const std::vector<Definition> &definitions() const { return Defs; }
  unsigned indexOf(const Definition *D) const { return D - Defs.data(); }
  /// The definitions FD's exploration can read: FD's and those Inlined
  /// names (by key: the functions it entered), and those they name. None
  /// if one of them is gone or has no text at hand.
  std::optional<std::vector<unsigned>>
  closure(const clang::FunctionDecl *FD,
          llvm::ArrayRef<std::string> Inlined) const;
  const std::string &basePrint() const { return BasePrint; }

  /// The place of L, anchored.
  ReportPlace place(clang::SourceLocation L, std::string File, unsigned Line,
                    unsigned Column) const;

  /// What the engine remembers of a function across one unit's
  /// explorations: not to inline it again, how often it was inlined.
  struct Memory {
    bool NoInline = false;
    unsigned Inlined = 0;
  };
  /// What an exploration taught the engine of one function (by key).
  struct Mark {
    std::string Key;
    bool NoInline = false;
    unsigned Inlined = 0;
  };
  /// The engine's memory of every definition, in definitions() order.
  std::vector<Memory> memoryOf(clang::ento::FunctionSummariesTy &S) const;
  /// What changed from Before to After; Entered: the functions inlined.
  std::vector<Mark> marksBetween(const std::vector<Memory> &Before,
                                 const std::vector<Memory> &After,
                                 std::vector<std::string> *Entered) const;
  /// Teaches S Marks again; false (and nothing taught) if a function they
  /// name is gone.
  bool applyMarks(clang::ento::FunctionSummariesTy &S,
                  const std::vector<Mark> &Marks) const;
  /// A print line for definition I as M remembers it: how often it was
  /// inlined counts up to Limit, past which a large one is inlined no more.
  static std::string memoryLine(const Memory &M, unsigned Limit);
  /// Marks as JSON, and back (None if malformed).
  static llvm::json::Array marksJson(const std::vector<Mark> &Marks);
  static std::optional<std::vector<Mark>>
  marksFromJson(const llvm::json::Array *A);

private:
  std::string Directory;
  clang::SourceManager *SM = nullptr;
  std::vector<Definition> Defs;
  llvm::DenseMap<const clang::Decl *, unsigned> DefOf; ///< canonical decl
  llvm::StringMap<unsigned> DefByKey;
  std::string BasePrint;
};

/// A digest of Text (hex).
std::string printDigest(llvm::StringRef Text);
/// A contract as a print reads it: without its origin line.
std::string contractPrint(const InferredContract &C);

/// A cache file's document: the JSON object in Path if its "format" is
/// Format, else none (a missing or unreadable file is no cache).
std::optional<llvm::json::Object> readCacheFile(llvm::StringRef Path,
                                                int Format);
/// Writes Text to Path, aside and renamed, so a reader never sees half a
/// file; a failure only loses the cache.
void writeCacheFile(llvm::StringRef Path, llvm::StringRef Text);

class FunctionCache final : public TopLevelObserver {
public:
  /// Path: the file batches are read from and kept in; empty: none are.
  /// Index: the parse's definitions.
  FunctionCache(std::string Path, UnitIndex &Index);

  /// The unit is parsed: prints its definitions. Own: the contracts the
  /// analysis holds for the unit's functions; ModelPrint: the API model's
  /// (with the other files' contracts).
  void setUnit(clang::CompilerInstance &CI,
               const llvm::StringMap<const InferredContract *> *Own,
               std::string ModelPrint);

  /// Called before a new batch begins, to take the reports made so far.
  void setHarvest(std::function<void()> H) { Harvest = std::move(H); }
  /// The batch reports are added to now.
  ReportBatch &current() { return Batches.back(); }
  const std::vector<ReportBatch> &batches() const { return Batches; }
  std::vector<ReportBatch> &batches() { return Batches; }

  /// The place of L, anchored.
  ReportPlace place(clang::SourceLocation L, std::string File, unsigned Line,
                    unsigned Column) const {
    return Index.place(L, std::move(File), Line, Column);
  }

  bool beginTopLevel(const clang::Decl *D,
                     clang::ento::FunctionSummariesTy *Memory) override;
  void inlined(const clang::Decl *Top, const clang::Decl *Callee) override;

  /// The unit's analysis ended: makes what save() writes (the batches of
  /// this run's explorations, and those reused) while the AST is alive.
  void finish();
  /// Writes it, if the cache has a path; a failure only loses the cache.
  void save() const;

  unsigned explored() const { return Explored; }
  unsigned reused() const { return Reused; }

private:
  struct Stored {
    std::string Print;
    std::vector<std::string> Inlined;
    /// What the exploration taught the engine.
    std::vector<UnitIndex::Mark> Marks;
    std::vector<ReportCandidate> Reports; ///< Lines relative to anchors
    /// This run: the engine's memory when the exploration began.
    std::vector<UnitIndex::Memory> Start;
  };

  std::string printOf(const clang::FunctionDecl *FD,
                      llvm::ArrayRef<std::string> Inlined,
                      const std::vector<UnitIndex::Memory> &Start) const;
  /// The exploration under way ended: what it taught the engine.
  void endExploration();
  bool rebase(ReportCandidate &C) const;
  void load();

  std::string Path;
  UnitIndex &Index;
  std::function<void()> Harvest;
  std::vector<ReportBatch> Batches;
  const llvm::StringMap<const InferredContract *> *Own = nullptr;
  std::string UnitPrint;
  bool Ready = false;
  llvm::StringMap<Stored> Previous;
  clang::ento::FunctionSummariesTy *Memory = nullptr;
  unsigned InlineLimit = 0;
  /// The function being explored, if its exploration is kept.
  std::string Current;
  /// This run: each explored function's print and what it inlined.
  llvm::StringMap<Stored> Made;
  /// What save() writes.
  std::string Text;
  /// Functions a reused exploration inlined: the cold run did not explore
  /// them as top-level ones.
  llvm::StringSet<> InlinedByReused;
  unsigned Explored = 0, Reused = 0;
};

} // namespace refcheck
#endif
