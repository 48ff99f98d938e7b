//===- ConfirmCommand.cpp - `refcheck confirm`: measure what was found ----===//
//
// refcheck confirm [options] FINDINGS.json
// refcheck confirm [options] -- FILE... [-- COMPILER-ARGS]
//
// Runs the tests that reach each finding under a debug interpreter and
// writes the findings back with a confirmation each (docs/confirm.md).
//
//===----------------------------------------------------------------------===//
#include "ConfirmCommand.h"
#include "AnalysisOptions.h"
#include "refcheck/Driver.h"
#include "refcheck/EntryPoints.h"
#include "refcheck/Report.h"
#include "refcheck/Review.h"
#include "refcheck/Runner.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace refcheck;

// -p, --python and the other analysis options are shared with the other
// subcommands (AnalysisOptions.cpp).
static cl::SubCommand &ConfirmSub = confirmCommand();
static cl::OptionCategory ConfirmCat("refcheck confirm options");

static cl::opt<std::string> FindingsFile(cl::Positional, cl::sub(ConfirmSub),
                                         cl::desc("FINDINGS.json"),
                                         cl::cat(ConfirmCat));
static cl::list<std::string>
    TestDirs("tests",
             cl::desc("Folder of tests to index (repeatable; default: Lib/test "
                      "in a CPython tree, else ./tests and ./test)"),
             cl::value_desc("DIR"), cl::sub(ConfirmSub), cl::cat(ConfirmCat));
static cl::opt<std::string>
    Runs("runs",
         cl::desc("Warm-up and measured repetitions, as python -m test -R "
                  "(default 3:3)"),
         cl::value_desc("STAB:RUN"), cl::init("3:3"), cl::sub(ConfirmSub),
         cl::cat(ConfirmCat));
static cl::opt<unsigned>
    Timeout("timeout",
            cl::desc("Seconds one test may take, measured or recorded "
                     "(default 300; 0: "
                     "no limit)"),
            cl::init(300), cl::sub(ConfirmSub), cl::cat(ConfirmCat));
static cl::opt<bool>
    UseRegrtest("use-regrtest",
                cl::desc("Measure with CPython's own `python -m test -R` "
                         "(needs test.libregrtest) and parse its output"),
                cl::sub(ConfirmSub), cl::cat(ConfirmCat));
static cl::opt<bool>
    BlocksOnly("blocks-only",
               cl::desc("Measure allocated blocks only; works on a release "
                        "build but is weaker"),
               cl::sub(ConfirmSub), cl::cat(ConfirmCat));
static cl::opt<bool>
    BisectTests("bisect-tests",
                cl::desc("For each test file whose tests leak together, "
                         "halve them down to a minimal leaking set"),
                cl::sub(ConfirmSub), cl::cat(ConfirmCat));
static cl::list<std::string>
    MeasureIds("measure",
               cl::desc("Also measure this test id (repeatable), e.g. a "
                        "clean test to check the harness"),
               cl::value_desc("TEST-ID"), cl::sub(ConfirmSub),
               cl::cat(ConfirmCat));
static cl::opt<unsigned>
    MaxTests("max-tests", cl::desc("At most N tests per finding (default 25)"),
             cl::init(25), cl::sub(ConfirmSub), cl::cat(ConfirmCat));
static cl::opt<OutputFormat> FormatOpt(
    "format", cl::desc("Output format"), cl::init(OutputFormat::Text),
    cl::values(clEnumValN(OutputFormat::Text, "text", "warnings and notes"),
               clEnumValN(OutputFormat::Json, "json",
                          "the findings document with `confirmation`"),
               clEnumValN(OutputFormat::Sarif, "sarif",
                          "SARIF 2.1.0; confirmation in result properties"),
               clEnumValN(OutputFormat::Github, "github",
                          "GitHub Actions annotations"),
               clEnumValN(OutputFormat::Html, "html",
                          "one self-contained HTML page")),
    cl::sub(ConfirmSub), cl::cat(ConfirmCat));
static cl::opt<std::string> OutOpt("o", cl::desc("Write the findings to FILE"),
                                   cl::value_desc("FILE"), cl::sub(ConfirmSub),
                                   cl::cat(ConfirmCat));
static cl::opt<unsigned> CrossFileDepth(
    "cross-file-depth",
    cl::desc("With -p: callers to walk through the other files of the "
             "compile database for findings with no entry point in their "
             "own file (default 3; 0: off)"),
    cl::init(3), cl::sub(ConfirmSub), cl::cat(ConfirmCat));
// Finding the tests by running them, and building the extension first.
static cl::opt<bool> StaticOnly(
    "static-only",
    cl::desc("Find tests by name only (no recording run under a profiler)"),
    cl::sub(ConfirmSub), cl::cat(ConfirmCat));
static cl::opt<unsigned> RecordLimit(
    "record-limit",
    cl::desc("Record every test file when there are at most N (default "
             "300); else the files the name index and the module name "
             "point at"),
    cl::init(300), cl::sub(ConfirmSub), cl::cat(ConfirmCat));
static cl::opt<unsigned> RecordJobs(
    "record-jobs",
    cl::desc("Test files recorded at once, each in its own processes "
             "(default 0: the core count)"),
    cl::value_desc("N"), cl::init(0), cl::sub(ConfirmSub),
    cl::cat(ConfirmCat));
static cl::opt<std::string> BuildOpt(
    "build", cl::ValueOptional,
    cl::desc("Build the extension for --python first; --build alone: "
             "PY setup.py build_ext --inplace (or pip install -e . for a "
             "pyproject.toml)"),
    cl::value_desc("CMD"), cl::sub(ConfirmSub), cl::cat(ConfirmCat));
static cl::opt<std::string> ProjectOpt(
    "project",
    cl::desc("Folder of the project: its extension binaries and package "
             "(default: the current folder)"),
    cl::value_desc("DIR"), cl::init("."), cl::sub(ConfirmSub),
    cl::cat(ConfirmCat));
static cl::opt<bool> VerboseOpt("v", cl::desc("Say what is run"),
                                cl::sub(ConfirmSub), cl::cat(ConfirmCat));

/// python3.11-dbg when installed, else python3 (which will usually be
/// refused with an explanation unless --blocks-only).
static std::string defaultPython() {
  if (sys::findProgramByName("python3.11-dbg"))
    return "python3.11-dbg";
  return "python3";
}

void refcheck::hideUnrelatedConfirmOptions() {
  cl::HideUnrelatedOptions({&ConfirmCat, &analysisCategory()}, ConfirmSub);
}

int refcheck::runConfirmCommand(const std::vector<std::string> &Trailing,
                                const char *Argv0) {
  // confirm [opts] FINDINGS.json | confirm [opts] -- FILE... [-- ARGS]
  std::vector<std::string> SourceFiles, CompilerArgs;
  auto Second = llvm::find(Trailing, "--");
  SourceFiles.assign(Trailing.begin(), Second);
  if (Second != Trailing.end())
    CompilerArgs.assign(std::next(Second), Trailing.end());
  if (auto Err = checkAnalysisOptions())
    return fail(*Err);
  std::optional<std::string> BuildDir = buildDirOption();

  ConfirmOptions Opts;
  auto SR = parseRuns(Runs);
  if (!SR)
    return fail(toString(SR.takeError()));
  std::tie(Opts.Stab, Opts.Run) = *SR;
  Opts.Python = pythonOption().value_or(defaultPython());
  Opts.TestDirs.assign(TestDirs.begin(), TestDirs.end());
  Opts.TimeoutSeconds = Timeout;
  Opts.UseRegrtest = UseRegrtest;
  Opts.BlocksOnly = BlocksOnly;
  Opts.BisectTests = BisectTests;
  Opts.ExtraTests.assign(MeasureIds.begin(), MeasureIds.end());
  Opts.MaxTests = MaxTests;
  Opts.Verbose = VerboseOpt;
  Opts.Record = !StaticOnly;
  Opts.RecordLimit = RecordLimit;
  Opts.RecordJobs = RecordJobs;
  Opts.ProjectDir = ProjectOpt;
  if (!sys::fs::is_directory(ProjectOpt))
    return fail("--project: '" + ProjectOpt + "' is not a folder");
  if (BuildOpt.getNumOccurrences()) {
    Opts.Build = BuildOpt.empty()
                     ? defaultBuildCommand(Opts.Python, Opts.ProjectDir)
                     : std::string(BuildOpt);
    if (Opts.Build.empty())
      return fail("--build: no setup.py or pyproject.toml in '" +
                  ProjectOpt + "'; give the command: --build=CMD");
  }
  if (UseRegrtest && BlocksOnly)
    return fail("--use-regrtest and --blocks-only cannot be combined "
                "(regrtest -R needs a debug build)");

  Results R;
  if (!FindingsFile.empty() && !SourceFiles.empty())
    return fail("give either FINDINGS.json or `-- FILE...`, not both");
  if (!FindingsFile.empty()) {
    auto Buf = MemoryBuffer::getFileOrSTDIN(FindingsFile);
    if (!Buf)
      return fail("cannot read '" + FindingsFile +
                  "': " + Buf.getError().message());
    auto Parsed = parseJsonResults((*Buf)->getBuffer());
    if (!Parsed)
      return fail("'" + FindingsFile + "': " + toString(Parsed.takeError()));
    R = std::move(*Parsed);
  } else if (!SourceFiles.empty()) {
    // The static check first, with the headers of the interpreter the tests
    // will run under.
    DriverOptions D;
    D.Files = SourceFiles;
    applyAnalysisOptions(D);
    D.TrailingArgs = CompilerArgs;
    D.Python = Opts.Python;
    auto Model = loadApiModel(D);
    if (!Model)
      return fail(toString(Model.takeError()));
    auto Plan = planCommands(D);
    if (!Plan)
      return fail(toString(Plan.takeError()));
    for (const FileCommand &Cmd : *Plan)
      R.append(analyzeFile(Cmd, D, *Model));
    R.makePathsAbsolute(); // errors name the files as given
    R.makePathsRelative(Plan->front().ProjectRoot);
    R.canonicalize();
    for (const FileError &E : R.Errors)
      errs() << "refcheck: error: " << E.File << ": " << E.Message << '\n';
    if (R.FilesAnalyzed == 0)
      return 2;
  } else {
    return fail("no findings (usage: refcheck confirm FINDINGS.json, or "
                "refcheck confirm -- FILE...; see refcheck confirm --help)");
  }

  if (BuildDir && CrossFileDepth > 0) {
    auto N = addCrossFileEntryPoints(R, *BuildDir, CrossFileDepth);
    if (!N)
      return fail(toString(N.takeError()));
    if (VerboseOpt && *N)
      errs() << "refcheck: cross-file entry points from " << *N
             << " files of the compile database\n";
  }

  // Paths are relative to the findings' project root. Run from elsewhere,
  // they are made absolute for the run, and relative again for the output.
  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  if (!R.Root.empty() && !sys::fs::equivalent(R.Root, Cwd))
    R.makePathsAbsolute();

  // Open the output first: a bad -o should not cost the measurements.
  auto Out = openOutput(OutOpt);
  if (!Out)
    return fail(toString(Out.takeError()));
  // Progress lines stay out of a machine-read document on stdout.
  bool JsonToStdout = FormatOpt != OutputFormat::Text && OutOpt.empty();
  raw_ostream &Log = JsonToStdout ? errs() : outs();
  if (Error E = confirmFindings(R, Opts, Log))
    return fail(toString(std::move(E)));

  if (!R.Root.empty())
    R.makePathsRelative(R.Root);
  writeResults(**Out, R, FormatOpt, makeReportContext(Argv0));
  (*Out)->flush();

  unsigned Counts[4] = {0, 0, 0, 0};
  const char *Names[4] = {"confirmed", "not-reproduced", "no-test-found",
                          "unmeasurable"};
  bool AnyConfirmed = false;
  for (const Finding &F : R.Findings)
    for (unsigned I = 0; I < 4; ++I)
      if (F.Confirm && F.Confirm->Status == Names[I]) {
        ++Counts[I];
        AnyConfirmed |= I == 0;
      }
  Log << "refcheck confirm: " << R.Findings.size() << " findings: ";
  for (unsigned I = 0; I < 4; ++I)
    Log << (I ? ", " : "") << Counts[I] << ' ' << Names[I];
  Log << ".\n";
  return AnyConfirmed ? 1 : 0;
}
