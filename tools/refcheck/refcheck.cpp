//===- refcheck.cpp - Command line over refcheck's libraries --------------===//
#include "AnalysisOptions.h"
#include "BisectCommand.h"
#include "refcheck/Batch.h"
#include "ConfirmCommand.h"
#include "refcheck/Checker.h"
#include "refcheck/Config.h"
#include "refcheck/Driver.h"
#include "refcheck/ProjectConfig.h"
#include "refcheck/Report.h"
#include "ReviewOptions.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace refcheck;

static cl::OptionCategory Cat("refcheck options");

static cl::list<std::string> Files(cl::Positional, cl::desc("FILE..."),
                                   cl::cat(Cat));
static cl::opt<OutputFormat> Format(
    "format", cl::desc("Output format"), cl::init(OutputFormat::Text),
    cl::values(clEnumValN(OutputFormat::Text, "text",
                          "clang-style warnings with path notes (default)"),
               clEnumValN(OutputFormat::Json, "json",
                          "one JSON document (docs/json-format.md)"),
               clEnumValN(OutputFormat::Sarif, "sarif",
                          "SARIF 2.1.0, for code scanning"),
               clEnumValN(OutputFormat::Github, "github",
                          "GitHub Actions annotations"),
               clEnumValN(OutputFormat::Html, "html",
                          "one self-contained HTML page")),
    cl::cat(Cat));
static cl::opt<std::string> OutFile("o", cl::desc("Write the output to FILE"),
                                    cl::value_desc("FILE"), cl::cat(Cat));
static cl::opt<bool> Verbose("v", cl::desc("Show flag provenance and every "
                                           "compiler diagnostic"),
                             cl::cat(Cat));
static cl::alias VerboseLong("verbose", cl::aliasopt(Verbose));
static cl::opt<bool>
    VerifyNotes("verify-notes",
                cl::desc("With `-- -Xclang -verify`: emit path notes as "
                         "clang notes too"),
                cl::cat(Cat));
static cl::list<std::string>
    IncludeGlobs("include",
                 cl::desc("Analyze only files matching this glob "
                          "(repeatable), e.g. 'Modules/*.c'"),
                 cl::value_desc("glob"), cl::cat(Cat));
static cl::list<std::string>
    ExcludeGlobs("exclude",
                 cl::desc("Skip files matching this glob (repeatable)"),
                 cl::value_desc("glob"), cl::cat(Cat));
static cl::opt<unsigned>
    Jobs("j", cl::Prefix,
         cl::desc("Files analyzed at once (default: the core count)"),
         cl::value_desc("N"), cl::init(0), cl::cat(Cat));
static cl::opt<unsigned>
    Timeout("timeout",
            cl::desc("Time budget per file in seconds, 0 for none "
                     "(default: 300)"),
            cl::value_desc("seconds"), cl::init(300), cl::cat(Cat));
static cl::opt<unsigned>
    MemoryLimit("memory-limit",
                cl::desc("Memory budget per file in MiB, 0 for none "
                         "(default: 4096)"),
                cl::value_desc("MiB"), cl::init(4096), cl::cat(Cat));
static cl::opt<std::string>
    CacheDir("cache-dir",
             cl::desc("Folder of the result cache, per file and per "
                      "function (default: $XDG_CACHE_HOME/refcheck or "
                      "~/.cache/refcheck)"),
             cl::value_desc("dir"), cl::cat(Cat));
static cl::opt<bool> NoCache("no-cache",
                             cl::desc("Neither read nor write the cache"),
                             cl::cat(Cat));
static cl::opt<bool> Quiet("q", cl::desc("No progress line"), cl::cat(Cat));
static cl::opt<bool>
    ShowStats("file-stats",
              cl::desc("Print each file's time and peak memory, how many "
                       "of its functions came from the cache, and what "
                       "contract inference did, on stderr"),
              cl::cat(Cat));
static cl::opt<bool>
    ShowCommands("show-commands",
                 cl::desc("Print how each file would be compiled for analysis "
                          "(JSON, compile_commands.json-like) and exit"),
                 cl::cat(Cat));
static cl::opt<std::string> WorkerJob("worker", cl::Hidden,
                                      cl::desc("Internal: analyze one job"));
static cl::opt<bool> ListChecks("list-checks",
                                cl::desc("List the checks and exit"),
                                cl::cat(Cat));
static cl::opt<bool> ListApi(
    "list-api",
    cl::desc("Print the API model in use and exit; with files or -p, "
             "including the contracts inferred from the project's functions"),
    cl::cat(Cat));
static cl::opt<std::string> WriteContracts(
    "write-contracts",
    cl::desc("Write the contracts inferred from the project's functions to "
             "FILE as .refcheck.yaml annotations, then go on"),
    cl::value_desc("FILE"), cl::cat(Cat));
static cl::opt<bool> NoContracts(
    "no-contracts",
    cl::desc("Do not infer the contracts of the project's own functions "
             "(calls to functions of other files then follow the C-API "
             "convention, and static helpers the analysis does not follow "
             "are judged by the shape of their bodies)"),
    cl::cat(Cat));


static int listApi(const ApiModel &Model) {
  for (const FunctionSpec *S : Model.all()) {
    outs() << S->Name << ": returns " << toString(S->Return);
    if (S->Return == ReturnKind::Alias)
      outs() << " " << S->AliasArg;
    for (auto [I, K] : S->Steals)
      outs() << ", steals arg " << I
             << (K == StealKind::OnSuccess   ? " on success"
                 : K == StealKind::OnFailure ? " on failure"
                                             : "");
    for (unsigned I : S->InitArgs)
      outs() << ", makes arg " << I << " an object";
    for (unsigned I : S->UnknownArgs)
      outs() << ", arg " << I << " unknown";
    if (S->From == Source::Inferred) {
      if (S->Return != ReturnKind::NotAnObject && !S->CanFail)
        outs() << ", never NULL";
      outs() << " [inferred from " << S->Origin << "]\n";
    } else {
      outs() << " [" << toString(S->From) << "]\n";
    }
  }
  // Error conventions (null-without-exception, exception-not-cleared,
  // unchecked-null): the rows, and for an inferred contract without one
  // what the model answers for it (errorKindOf: unknown when its failing
  // paths disagree, no-effect when it cannot fail).
  std::vector<std::pair<std::string, std::string>> Lines;
  for (const ErrorSpec *E : Model.allErrors()) {
    std::string Line;
    raw_string_ostream OS(Line);
    OS << "error " << toString(E->Kind);
    for (size_t I = 0; I < E->NonNullArgs.size(); ++I) {
      OS << (I ? "," : ", non-NULL args ");
      if (E->NonNullArgs[I] == ErrorSpec::LastArg)
        OS << "last";
      else
        OS << E->NonNullArgs[I];
    }
    if (E->FailsOnlyOnMemory)
      OS << ", fails only on memory errors";
    if (E->ZeroOnSuccess)
      OS << ", 0 on success";
    if (E->ResultIfArgNull)
      OS << ", returns " << E->ResultIfArgNull->second << " given NULL arg "
         << E->ResultIfArgNull->first;
    if (E->FailsIfExceptionSet)
      OS << ", fails if called with an exception set";
    OS << " [" << toString(E->From) << "]";
    Lines.push_back({E->Name, std::move(Line)});
  }
  for (const FunctionSpec *S : Model.all())
    if (S->From == Source::Inferred && !Model.lookupError(S->Name))
      Lines.push_back(
          {S->Name, std::string("error ") +
                        toString(Model.errorKindOf(S->Name)) + " [inferred]"});
  llvm::stable_sort(Lines, [](const auto &A, const auto &B) {
    return A.first < B.first;
  });
  for (const auto &[Name, Line] : Lines)
    outs() << Name << ": " << Line << "\n";
  return 0;
}

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  // Split at `--`: what follows is compiler arguments.
  std::vector<const char *> Given;
  std::vector<std::string> Trailing;
  bool AfterDashDash = false;
  for (int I = 0; I < argc; ++I) {
    if (!AfterDashDash && StringRef(argv[I]) == "--") {
      AfterDashDash = true;
      continue;
    }
    if (AfterDashDash)
      Trailing.push_back(argv[I]);
    else
      Given.push_back(argv[I]);
  }
  std::vector<std::string> Joined = joinOptionalValues(Given);
  std::vector<const char *> Ours;
  for (const std::string &A : Joined)
    Ours.push_back(A.c_str());
  cl::HideUnrelatedOptions({&Cat, &analysisCategory(), &reviewCategory()});
  hideUnrelatedConfirmOptions();
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "refcheck " << REFCHECK_VERSION << " (LLVM "
       << REFCHECK_LLVM_VERSION_MAJOR << ", Z3 crosscheck "
       << (z3Available() ? "available" : "unavailable") << ")\n";
  });
  std::string ParseErr;
  raw_string_ostream ErrOS(ParseErr);
  if (!cl::ParseCommandLineOptions(
          Ours.size(), Ours.data(),
          "refcheck: finds reference-counting bugs in CPython C extensions\n\n"
          "  refcheck [options] FILE... [-- COMPILER-ARGS]\n"
          "  refcheck [options] -p BUILD-DIR   (every file in the database)\n"
          "  refcheck bisect|bisect-step ... (see refcheck bisect --help)\n"
          "  refcheck confirm ... (see refcheck confirm --help)\n\n"
          "Exit status: 0 no findings, 1 findings, 2 usage or input error.\n"
          "With `-- -Xclang -verify`: 0 iff clang's expectations hold.\n",
          &ErrOS)) {
    ErrOS.flush();
    StringRef First = StringRef(ParseErr).trim().split('\n').first;
    First.consume_front("refcheck: ");
    // A value that does not parse (`--jobs abc`) is reported by llvm::cl
    // itself, straight to stderr, leaving ErrOS empty: that line is already
    // the one-line error, so add nothing after it.
    if (!First.empty())
      fail(First);
    return usageErrorStatus();
  }
  if (confirmCommand())
    return runConfirmCommand(Trailing, argv[0]);
  if (subcommandChosen())
    return runSubcommand(Trailing, argv[0]);

  if (!WorkerJob.empty())
    return runWorker(WorkerJob);

  if (ListChecks) {
    for (const CheckInfo &C : allChecks())
      outs() << C.Id << ": " << C.Summary
             << (C.OffByDefault ? " (off by default; --enable=" +
                                      std::string(C.Id) + ")"
                                : std::string())
             << '\n';
    return 0;
  }

  DriverOptions Opts;
  if (auto Err = checkAnalysisOptions())
    return fail(*Err);
  Opts.Files.assign(Files.begin(), Files.end());
  applyAnalysisOptions(Opts);
  Opts.TrailingArgs = Trailing;
  Opts.Verbose = Verbose;
  Opts.VerifyNotes = VerifyNotes;
  Opts.Include.assign(IncludeGlobs.begin(), IncludeGlobs.end());
  Opts.Exclude.assign(ExcludeGlobs.begin(), ExcludeGlobs.end());
  // .refcheck.yaml, --diff, baselines: see ReviewOptions.h.
  OutputFormat Fmt = Format;
  Expected<ReviewState> Review =
      prepareReview(Opts, Fmt, Format.getNumOccurrences() > 0);
  if (!Review)
    return fail(toString(Review.takeError()));
  if (Opts.Files.empty() && Review->NothingSelected) {
    // Every named (or changed) file is excluded: nothing to report.
    auto Out = openOutput(OutFile);
    if (!Out)
      return fail(toString(Out.takeError()));
    writeResults(**Out, Results(), Fmt, makeReportContext(argv[0]));
    return 0;
  }

  std::optional<std::vector<FileCommand>> Planned;
  if (Opts.Files.empty() && Opts.BuildDir) {
    // The whole compile database: plan first, so the API model can come
    // from the CPython tree the files are in.
    Expected<std::vector<FileCommand>> P = planCommands(Opts);
    if (!P)
      return fail(toString(P.takeError()));
    if (P->empty())
      return fail("no file in the compile database matches --include/"
                  "--exclude");
    Planned = std::move(*P);
  }
  DriverOptions ModelOpts = Opts;
  if (Planned)
    ModelOpts.Files = {Planned->front().File};
  Expected<ApiModel> Model = loadApiModel(ModelOpts);
  if (!Model)
    return fail(toString(Model.takeError()));
  if (Planned)
    Opts.ApiDb = resolveApiDb(ModelOpts);
  if (ListApi && Opts.Files.empty() && !Planned)
    return listApi(*Model);
  if (Opts.Files.empty() && !Planned)
    return fail("no input files (usage: refcheck [options] FILE... "
                "[-- COMPILER-ARGS], or -p BUILD-DIR for the whole compile "
                "database; see --help)");

  if (!Planned) {
    Expected<std::vector<FileCommand>> P = planCommands(Opts);
    if (!P)
      return fail(toString(P.takeError()));
    if (P->empty())
      return fail("no input file matches --include/--exclude");
    Planned = std::move(*P);
  }

  BatchOptions BO;
  BO.Jobs = Jobs;
  BO.TimeoutSeconds = Timeout;
  BO.MemoryLimitMiB = MemoryLimit;
  BO.CacheDir = NoCache ? "" : CacheDir.empty() ? defaultCacheDir()
                                                : std::string(CacheDir);
  Opts.FunctionCache = BO.CacheDir;
  BO.WorkerExe = sys::fs::getMainExecutable(argv[0], (void *)&fail);
  BO.Progress = !Quiet && sys::Process::StandardErrIsDisplayed();
  BO.Stats = ShowStats || Verbose;
  BO.Verbose = Verbose;
  BO.InferAllContracts = ListApi || !WriteContracts.empty();

  // The project's own functions: their contracts, inferred from every file
  // of the compile database (or the files given), so calls between files
  // are judged by what the callee does.
  std::vector<refcheck::FileError> InferErrors;
  // Files analyzed in the same parse as their inference.
  EarlyAnalyses Early;
  Opts.InferUnitContracts = !NoContracts;
  if (!NoContracts && !ShowCommands) {
    std::vector<FileCommand> Project = projectCommands(Opts, *Planned);
    if (Project.size() > 1 || ListApi || !WriteContracts.empty()) {
      Opts.Contracts = inferProjectContracts(
          Project, Opts, *Model, BO, &InferErrors,
          ListApi ? nullptr : &*Planned, ListApi ? nullptr : &Early);
      for (const InferredContract &C : Opts.Contracts)
        Model->addInferred(C.Spec, C.Error, C.FailsOnlyOnMemory);
    }
  }
  if (!WriteContracts.empty()) {
    std::vector<ApiAnnotation> As;
    for (const InferredContract &C : Opts.Contracts)
      As.push_back(toAnnotation(C));
    std::error_code EC;
    raw_fd_ostream Out(WriteContracts, EC, sys::fs::OF_Text);
    if (EC)
      return fail("cannot write '" + WriteContracts + "': " + EC.message());
    Out << "# Contracts refcheck inferred from the project's functions\n"
           "# (refcheck --write-contracts). Review them; as annotations in\n"
           "# .refcheck.yaml they override inference.\n"
        << annotationsToYaml(As);
  }
  if (ListApi) {
    for (const refcheck::FileError &E : InferErrors)
      errs() << "refcheck: error: " << E.File << ": " << E.Message << '\n';
    return listApi(*Model);
  }

  if (ShowCommands) {
    json::Array Out;
    for (const FileCommand &Cmd : *Planned) {
      json::Array Args{"clang"};
      for (const std::string &A : Cmd.Args)
        Args.push_back(A);
      Args.push_back(Cmd.File);
      json::Object Virtual;
      for (const auto &[Path, Text] : Cmd.VirtualFiles)
        Virtual[Path] = Text;
      Out.push_back(json::Object{{"directory", Cmd.Directory},
                                 {"file", Cmd.File},
                                 {"arguments", std::move(Args)},
                                 {"virtual_files", std::move(Virtual)},
                                 {"provenance", Cmd.Provenance}});
    }
    outs() << formatv("{0:2}", json::Value(std::move(Out))) << '\n';
    return 0;
  }

  bool AnyVerify = false, VerifyFailed = false;
  for (const FileCommand &Cmd : *Planned) {
    if (Verbose) {
      errs() << "refcheck: " << Cmd.File << ": flags from " << Cmd.Provenance
             << ':';
      for (const std::string &A : Cmd.Args)
        errs() << ' ' << A;
      errs() << '\n';
    }
    AnyVerify |= isVerifyMode(Cmd);
  }

  std::vector<FileStat> Stats;
  Results All =
      runBatch(*Planned, Opts, *Model, BO, &VerifyFailed, &Stats, &Early);
  if (ShowStats)
    for (const FileStat &S : Stats) {
      errs() << "refcheck: stats: " << S.File << ": ";
      if (S.FromCache)
        errs() << "from cache\n";
      else
        errs() << describe(S) << "\n";
    }
  if (ShowStats) {
    WorkerCounts W = workerCounts();
    errs() << "refcheck: stats: workers: " << W.Started << " started for "
           << W.Jobs << (W.Jobs == 1 ? " job\n" : " jobs\n");
  }

  std::vector<std::string> Analyzed;
  for (const FileCommand &Cmd : *Planned)
    Analyzed.push_back(Cmd.File);
  // Paths relative to the root the ids are computed from (the compile
  // database's folder, else the git root, else the current folder).
  if (Error E = finishReview(*Review, All, Analyzed,
                             Planned->front().ProjectRoot))
    return fail(toString(std::move(E)));

  for (const refcheck::FileError &E : InferErrors)
    if (llvm::none_of(All.Errors, [&](const refcheck::FileError &A) {
          return A.File == E.File;
        }))
      errs() << "refcheck: warning: " << E.File << ": " << E.Message << '\n';
  for (const refcheck::FileError &E : All.Errors)
    errs() << "refcheck: error: " << E.File << ": " << E.Message << '\n';

  auto Out = openOutput(OutFile);
  if (!Out)
    return fail(toString(Out.takeError()));
  raw_ostream *OS = Out->get();
  if (!AnyVerify || Fmt != OutputFormat::Text || !OutFile.empty()) {
    Results Shown = All;
    if (Fmt == OutputFormat::Text) {
      Shown.Errors.clear(); // already on stderr
      // Text is read in a terminal or an editor: its file names are the
      // ones the user would type here, relative to the current folder,
      // also when the project root is another (`refcheck src/a.c` above
      // a database in src/ prints src/a.c, not a.c).
      SmallString<256> Cwd;
      if (!sys::fs::current_path(Cwd) && !Shown.Root.empty() &&
          Shown.Root != Cwd) {
        Shown.makePathsAbsolute();
        Shown.makePathsRelative(Cwd);
      }
    }
    writeResults(*OS, Shown, Fmt, makeReportContext(argv[0]));
  }
  OS->flush();

  if (AnyVerify)
    return VerifyFailed ? 1 : 0;
  if (All.FilesAnalyzed == 0)
    return 2;
  return All.Findings.empty() ? 0 : 1;
}
