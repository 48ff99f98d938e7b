//===- ReviewOptions.cpp - Config, baselines, suppressions, --diff --------===//
#include "ReviewOptions.h"
#include "AnalysisOptions.h"
#include "refcheck/Checker.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace refcheck;
using namespace llvm;

cl::OptionCategory &refcheck::reviewCategory() {
  static cl::OptionCategory Cat("refcheck review options (docs/integration.md)");
  return Cat;
}

static cl::opt<std::string> ConfigFile(
    "config",
    cl::desc("Project config to use instead of the nearest .refcheck.yaml "
             "above the first file; --config=none uses none"),
    cl::value_desc("FILE"), cl::cat(reviewCategory()));
static cl::opt<std::string> BaselineFile(
    "baseline",
    cl::desc("Report only findings whose id is not in FILE (overrides the "
             "config's baseline)"),
    cl::value_desc("FILE"), cl::cat(reviewCategory()));
static cl::opt<std::string> WriteBaselineFile(
    "write-baseline",
    cl::desc("Record the current findings in FILE (default: the config's "
             "baseline) and report none of them"),
    cl::value_desc("FILE"), cl::ValueOptional, cl::cat(reviewCategory()));
static cl::opt<bool> UnusedSuppressions(
    "report-unused-suppressions",
    cl::desc("Report `refcheck: ignore` comments that suppress nothing, as "
             "findings of check unused-suppression"),
    cl::cat(reviewCategory()));
static cl::opt<std::string> Diff(
    "diff",
    cl::desc("Analyze only files changed since REV (--diff=REV) or staged "
             "(--diff), and report only findings whose path touches a "
             "changed line"),
    cl::value_desc("REV"), cl::ValueOptional, cl::cat(reviewCategory()));

static bool isSourceName(StringRef Arg) {
  StringRef Ext = sys::path::extension(Arg);
  return llvm::is_contained({".c", ".cc", ".cpp", ".cxx", ".C", ".m", ".h"},
                            Ext);
}

std::vector<std::string>
refcheck::joinOptionalValues(ArrayRef<const char *> Args) {
  std::vector<std::string> Out;
  for (size_t I = 0; I < Args.size(); ++I) {
    StringRef A = Args[I];
    StringRef Name = A.ltrim('-');
    bool TakesNext = false;
    if (A.starts_with("-") && I + 1 < Args.size() &&
        !StringRef(Args[I + 1]).starts_with("-")) {
      StringRef Next = Args[I + 1];
      if (Name == "write-baseline")
        TakesNext = !isSourceName(Next);
      else if (Name == "diff")
        TakesNext = !sys::fs::exists(Next);
    }
    if (TakesNext) {
      Out.push_back((A + "=" + Args[I + 1]).str());
      ++I;
    } else {
      Out.push_back(A.str());
    }
  }
  return Out;
}

static cl::opt<ImpactClass> MinImpact(
    "min-impact",
    cl::desc("Report only findings at least this urgent (docs/checks.md, "
             "\"Impact\"); the default reports all"),
    cl::values(clEnumValN(ImpactClass::EveryCall, "every-call",
                          "only bugs that happen whenever the code runs"),
               clEnumValN(ImpactClass::ErrorPath, "error-path",
                          "also bugs on error paths"),
               clEnumValN(ImpactClass::AllocationFailure, "allocation-failure",
                          "also bugs that need an allocation to fail (all)")),
    cl::init(ImpactClass::AllocationFailure), cl::cat(reviewCategory()));

Expected<ReviewState> refcheck::prepareReview(DriverOptions &Opts,
                                              OutputFormat &Format,
                                              bool FormatGiven) {
  ReviewState S;
  // The config: --config, else the nearest one above the first file (or
  // the current folder).
  std::optional<std::string> CfgPath;
  if (ConfigFile == "none")
    ;
  else if (!ConfigFile.empty())
    CfgPath = ConfigFile;
  else
    CfgPath = findProjectConfig(Opts.Files.empty() ? "." : Opts.Files.front());
  if (CfgPath) {
    Expected<ProjectConfig> C = loadProjectConfig(*CfgPath);
    if (!C)
      return C.takeError();
    S.Config = std::move(*C);
  }

  // --enable's names were checked with the other analysis options.
  std::vector<std::string> Enable = enabledChecks();
  // A check is on unless the config turns it off, or it is off by default
  // and neither the config's `checks: enable` list nor --enable names it.
  // --disable wins.
  for (const CheckInfo &C : allChecks()) {
    bool On = S.Config ? S.Config->checkEnabled(C.Id) : true;
    if (C.OffByDefault &&
        !(S.Config && is_contained(S.Config->EnabledChecks, C.Id)))
      On = false;
    if (!On && !is_contained(Enable, C.Id) &&
        !is_contained(Opts.DisabledChecks, C.Id))
      Opts.DisabledChecks.push_back(C.Id);
  }
  if (S.Config) {
    if (!FormatGiven && S.Config->Format)
      Format = *S.Config->Format;
    Opts.ApiFacts = S.Config->Annotations;
    // A whole compile database (-p, no files): the config's globs join the
    // planner's, unless --include/--exclude were given.
    if (Opts.Files.empty() && Opts.BuildDir && Opts.Include.empty() &&
        Opts.Exclude.empty()) {
      for (const std::string &G : S.Config->Include)
        Opts.Include.push_back(S.Config->Dir + "/" + G);
      for (const std::string &G : S.Config->Exclude)
        Opts.Exclude.push_back(S.Config->Dir + "/" + G);
    }
  }

  bool HadFiles = !Opts.Files.empty();
  if (Diff.getNumOccurrences()) {
    Expected<ChangedLines> C = gitChangedLines(Diff);
    if (!C)
      return C.takeError();
    if (Opts.Files.empty()) {
      Opts.Files = C->SourceFiles;
      HadFiles = !Opts.Files.empty();
    } else {
      erase_if(Opts.Files, [&](const std::string &F) {
        return !C->Lines.count(absolutePath(F));
      });
    }
    S.Changed = std::move(*C);
    if (!HadFiles)
      S.NothingSelected = true;
  }
  if (S.Config)
    erase_if(Opts.Files,
             [&](const std::string &F) { return !S.Config->selects(F); });
  if (HadFiles && Opts.Files.empty())
    S.NothingSelected = true;
  return S;
}

Error refcheck::finishReview(const ReviewState &S, Results &R,
                             const std::vector<std::string> &AnalyzedFiles,
                             StringRef Root) {
  // Suppression comments and changed lines are looked up in the files:
  // absolute paths until the end.
  R.makePathsAbsolute();
  SuppressionOutcome Sup = applySuppressions(R, AnalyzedFiles);

  std::string ConfigBaseline = S.Config ? S.Config->Baseline : "";
  if (WriteBaselineFile.getNumOccurrences()) {
    std::string Path =
        WriteBaselineFile.empty() ? ConfigBaseline : WriteBaselineFile;
    if (Path.empty())
      return createStringError(inconvertibleErrorCode(),
                               "--write-baseline needs a FILE (or a "
                               "baseline: in .refcheck.yaml)");
    Results Portable = R;
    Portable.makePathsRelative(Root);
    if (Error E = writeBaseline(Path, Portable))
      return E;
    errs() << "refcheck: wrote " << R.Findings.size()
           << (R.Findings.size() == 1 ? " finding" : " findings") << " to "
           << Path << '\n';
    R.Findings.clear();
  } else if (std::string Path = BaselineFile.empty() ? ConfigBaseline
                                                     : BaselineFile.getValue();
             !Path.empty()) {
    Expected<StringSet<>> Ids = readBaseline(Path);
    if (!Ids)
      return Ids.takeError();
    applyBaseline(R, *Ids);
  }
  // Unused suppressions are reported, never baselined: they are quick to
  // fix.
  if (UnusedSuppressions)
    for (Finding &F : unusedSuppressionFindings(Sup.Unused))
      R.Findings.push_back(std::move(F));
  if (S.Changed)
    applyChangedLines(R, *S.Changed);
  // Last, so that a baseline written with --min-impact still holds every
  // finding.
  erase_if(R.Findings, [](const Finding &F) { return F.Impact > MinImpact; });
  R.makePathsRelative(Root);
  R.canonicalize();
  return Error::success();
}
