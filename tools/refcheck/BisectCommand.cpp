//===- BisectCommand.cpp - `refcheck bisect` and `bisect-step` ------------===//
//
// The subcommands' options live here, in their own llvm::cl::SubCommands;
// the work is done by lib/Bisect.
//
//===----------------------------------------------------------------------===//
#include "BisectCommand.h"
#include "AnalysisOptions.h"
#include "refcheck/Bisect.h"
#include "refcheck/Checker.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace refcheck;

namespace {

cl::SubCommand &BisectCmd = bisectCommand();
cl::SubCommand &StepCmd = bisectStepCommand();

cl::OptionCategory Cat("refcheck bisect options");

#define BOTH cl::sub(BisectCmd), cl::sub(StepCmd), cl::cat(Cat)

cl::opt<std::string> Good("good",
                          cl::desc("A revision without the finding (default: "
                                   "the parent of the commit that added the "
                                   "first FILE)"),
                          cl::value_desc("REV"), cl::sub(BisectCmd),
                          cl::cat(Cat));
cl::opt<std::string> Bad("bad", cl::desc("A revision with the finding"),
                         cl::value_desc("REV"), cl::sub(BisectCmd),
                         cl::cat(Cat));
cl::opt<std::string>
    FindingId("finding",
              cl::desc("The finding's stable id (from a --format=json run)"),
              cl::value_desc("ID"), BOTH);
cl::opt<std::string>
    Function("function",
             cl::desc("Bad when a finding is reported in this function"),
             cl::value_desc("NAME"), BOTH);
cl::opt<std::string> Check("check",
                           cl::desc("With --function: only findings of this "
                                    "check count (default: any)"),
                           cl::value_desc("CHECK"), BOTH);
cl::list<std::string> Files(cl::Positional, cl::desc("FILE..."), BOTH);
cl::opt<std::string> Format("format",
                            cl::desc("Output format: text (default) or json"),
                            cl::init("text"), cl::sub(BisectCmd), cl::cat(Cat));
cl::opt<std::string> OutFile("o", cl::desc("Write the result to FILE"),
                             cl::value_desc("FILE"), cl::sub(BisectCmd),
                             cl::cat(Cat));
cl::opt<bool> Quiet("quiet", cl::desc("Do not log each step on stderr"),
                    cl::sub(BisectCmd), cl::cat(Cat));
cl::opt<bool> Dynamic("dynamic",
                      cl::desc("Judge each revision with --build and "
                               "--confirm instead of the analysis"),
                      cl::sub(BisectCmd), cl::cat(Cat));
cl::opt<std::string>
    BuildCmd("build",
             cl::desc("With --dynamic: shell command run in the temporary "
                      "worktree first; failure skips the revision"),
             cl::value_desc("CMD"), cl::sub(BisectCmd), cl::cat(Cat));
cl::opt<std::string> ConfirmCmd(
    "confirm",
    cl::desc("With --dynamic: shell command run in the temporary worktree; "
             "exit 0 good, 125 skip, 1-127 bad, others stop"),
    cl::value_desc("CMD"), cl::sub(BisectCmd), cl::cat(Cat));

/// Checks the target options and fills in the analysis options.
std::optional<std::string> collect(bisect::Target &T,
                                   bisect::AnalysisOptions &A,
                                   const std::vector<std::string> &Trailing,
                                   const char *Argv0, bool NeedTarget) {
  if (!FindingId.empty() && !Function.empty())
    return "give --finding or --function, not both";
  if (!Check.empty() && Function.empty())
    return "--check goes with --function";
  if (!Check.empty() && !isKnownCheck(Check))
    return "unknown check '" + Check + "' (see refcheck --list-checks)";
  if (NeedTarget && FindingId.empty() && Function.empty())
    return "say which finding: --finding=ID or --function=NAME";
  if (auto Err = checkAnalysisOptions())
    return Err;
  T.FindingId = FindingId;
  T.Function = Function;
  T.Check = Check;
  static int Anchor;
  A.Refcheck = sys::fs::getMainExecutable(Argv0, &Anchor);
  A.BuildDir = buildDirOption();
  // The analyses of `bisect` run in the temporary worktree: paths to things
  // outside the revision (an interpreter, an API database) are absolute.
  A.PassThrough = analysisArguments();
  A.TrailingArgs = Trailing;
  return std::nullopt;
}

int runBisect(const std::vector<std::string> &Trailing, const char *Argv0) {
  bisect::Options Opts;
  if (Format != "text" && Format != "json")
    return fail("--format must be text or json, not '" + Format + "'", 2);
  bool AsJson = Format == "json";
  if (Bad.empty())
    return fail("--bad=REV is required", 2);
  if (!Dynamic && (!BuildCmd.empty() || !ConfirmCmd.empty()))
    return fail("--build and --confirm go with --dynamic", 2);
  if (auto Err = collect(Opts.T, Opts.Analysis, Trailing, Argv0, !Dynamic))
    return fail(*Err, 2);
  Opts.Good = Good;
  Opts.Bad = Bad;
  Opts.Files.assign(Files.begin(), Files.end());
  Opts.Dynamic = Dynamic;
  Opts.BuildCommand = BuildCmd;
  Opts.ConfirmCommand = ConfirmCmd;
  if (!Quiet)
    Opts.Progress = &errs();

  // Open the output first: a bad -o should not cost a bisection.
  auto Out = openOutput(OutFile);
  if (!Out)
    return fail(toString(Out.takeError()), 2);
  raw_ostream *OS = Out->get();

  bisect::installInterruptHandlers();
  Expected<bisect::Result> R = bisect::run(Opts);
  if (int Sig = bisect::interruptedBy()) {
    consumeError(R.takeError());
    errs() << "refcheck: error: interrupted; the temporary worktree was "
              "removed\n";
    return 128 + Sig;
  }
  if (!R)
    return fail(toString(R.takeError()), 2);
  if (AsJson)
    bisect::writeJson(*OS, *R, Opts);
  else
    bisect::writeText(*OS, *R, Opts);
  OS->flush();
  return R->Found ? 0 : 1;
}

int runStep(const std::vector<std::string> &Trailing, const char *Argv0) {
  bisect::Target T;
  bisect::AnalysisOptions A;
  if (auto Err = collect(T, A, Trailing, Argv0, true))
    return fail(*Err, 128);
  if (Files.empty())
    return fail("no input files", 128);
  bisect::installInterruptHandlers();
  std::vector<std::string> Fs(Files.begin(), Files.end());
  bisect::Judgement J = bisect::judgeCheckout(Fs, T, A);
  if (int Sig = bisect::interruptedBy())
    return 128 + Sig;
  if (J.Fatal)
    return fail(J.Reason, 128);
  outs() << toString(J.V == bisect::Verdict::Absent ? bisect::Verdict::Skip
                                                    : J.V);
  if (J.V == bisect::Verdict::Bad) {
    const Finding &F = J.Matches.front();
    outs() << ": " << F.File << ':' << F.Line << ':' << F.Column << ": "
           << F.Message << " [refcheck." << F.Check << "] in '" << F.Function
           << "' [id " << F.Id << "]";
  } else if (J.V == bisect::Verdict::Skip ||
             J.V == bisect::Verdict::Absent) {
    outs() << ": " << J.Reason;
  }
  outs() << '\n';
  switch (J.V) {
  case bisect::Verdict::Good: return 0;
  case bisect::Verdict::Bad: return 1;
  // Without the function, "good" is not known: git bisect skips it.
  case bisect::Verdict::Skip:
  case bisect::Verdict::Absent: return 125;
  }
  return 125;
}

} // namespace

bool refcheck::subcommandChosen() { return BisectCmd || StepCmd; }

int refcheck::runSubcommand(const std::vector<std::string> &Trailing,
                            const char *Argv0) {
  if (StepCmd)
    return runStep(Trailing, Argv0);
  return runBisect(Trailing, Argv0);
}

int refcheck::usageErrorStatus() { return StepCmd ? 128 : 2; }
