//===- refcheck.cpp - Command line over refcheck's libraries --------------===//
#include "ConfirmCommand.h"
#include "refcheck/Checker.h"
#include "refcheck/Config.h"
#include "refcheck/Driver.h"
#include "refcheck/Report.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace refcheck;

static cl::OptionCategory Cat("refcheck options");

static cl::list<std::string> Files(cl::Positional, cl::desc("FILE..."),
                                   cl::cat(Cat));
static cl::opt<std::string>
    BuildDir("p", cl::desc("Folder with compile_commands.json (or the file "
                           "itself). Without it, a compile_commands.json "
                           "above each file is used if it lists the file; "
                           "otherwise flags are detected (see docs/usage.md)"),
             cl::value_desc("build-dir"), cl::cat(Cat));
static cl::opt<OutputFormat> Format(
    "format", cl::desc("Output format"), cl::init(OutputFormat::Text),
    cl::values(clEnumValN(OutputFormat::Text, "text",
                          "clang-style warnings with path notes (default)"),
               clEnumValN(OutputFormat::Json, "json",
                          "one JSON document (docs/json-format.md)")),
    cl::cat(Cat));
static cl::opt<std::string> OutFile("o", cl::desc("Write the output to FILE"),
                                    cl::value_desc("FILE"), cl::cat(Cat));
static cl::list<std::string>
    ExtraArgs("extra-arg",
              cl::desc("Compiler argument to append (repeatable); use this "
                       "where `--` is unavailable, e.g. from pre-commit"),
              cl::cat(Cat));
static cl::list<std::string>
    ExtraArgsBefore("extra-arg-before",
                    cl::desc("Compiler argument to prepend (repeatable)"),
                    cl::cat(Cat));
static cl::opt<std::string>
    Python("python",
           cl::desc("Interpreter whose headers serve files outside a CPython "
                    "tree (default: python3)"),
           cl::init("python3"), cl::cat(Cat));
static cl::opt<std::string>
    ApiDb("api-db",
          cl::desc("CPython's Doc/data/refcounts.dat to load (found "
                   "automatically inside a CPython tree)"),
          cl::value_desc("FILE"), cl::cat(Cat));
static cl::list<std::string>
    Disable("disable", cl::desc("Turn a check off (repeatable): ref-leak, "
                                "over-release, use-after-release, "
                                "borrowed-return, steal-of-borrowed"),
            cl::value_desc("check"), cl::cat(Cat));
static cl::opt<bool> Z3("z3-crosscheck",
                        cl::desc("Refute infeasible paths with Z3 when the "
                                 "LLVM build has it (default: on)"),
                        cl::init(true), cl::cat(Cat));
static cl::list<std::string>
    AnalyzerConfig("analyzer-config",
                   cl::desc("Static Analyzer option key=value (repeatable)"),
                   cl::cat(Cat));
static cl::opt<bool> Verbose("v", cl::desc("Show flag provenance and every "
                                           "compiler diagnostic"),
                             cl::cat(Cat));
static cl::alias VerboseLong("verbose", cl::aliasopt(Verbose));
static cl::opt<bool>
    VerifyNotes("verify-notes",
                cl::desc("With `-- -Xclang -verify`: emit path notes as "
                         "clang notes too"),
                cl::cat(Cat));
static cl::opt<bool> ListChecks("list-checks",
                                cl::desc("List the checks and exit"),
                                cl::cat(Cat));
static cl::opt<bool> ListApi("list-api",
                             cl::desc("Print the API model in use and exit"),
                             cl::cat(Cat));

static int fail(const Twine &Msg) {
  errs() << "refcheck: error: " << Msg << '\n';
  return 2;
}

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  // Subcommands (issue 6): `refcheck confirm ...` has its own options.
  if (argc > 1 && StringRef(argv[1]) == "confirm")
    return runConfirmCommand(argc, argv);
  // Split at `--`: what follows is compiler arguments.
  std::vector<const char *> Ours;
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
      Ours.push_back(argv[I]);
  }
  cl::HideUnrelatedOptions(Cat);
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
          "  refcheck [options] FILE... [-- COMPILER-ARGS]\n\n"
          "Exit status: 0 no findings, 1 findings, 2 usage or input error.\n"
          "With `-- -Xclang -verify`: 0 iff clang's expectations hold.\n",
          &ErrOS)) {
    ErrOS.flush();
    StringRef First = StringRef(ParseErr).trim().split('\n').first;
    First.consume_front("refcheck: ");
    return fail(First);
  }

  if (ListChecks) {
    for (const CheckInfo &C : allChecks())
      outs() << C.Id << ": " << C.Summary << '\n';
    return 0;
  }

  DriverOptions Opts;
  Opts.Files.assign(Files.begin(), Files.end());
  if (!BuildDir.empty())
    Opts.BuildDir = BuildDir;
  Opts.TrailingArgs = Trailing;
  Opts.ExtraArgs.assign(ExtraArgs.begin(), ExtraArgs.end());
  Opts.ExtraArgsBefore.assign(ExtraArgsBefore.begin(), ExtraArgsBefore.end());
  Opts.Python = Python;
  Opts.ApiDb = ApiDb;
  Opts.CrosscheckZ3 = Z3;
  Opts.AnalyzerConfig.assign(AnalyzerConfig.begin(), AnalyzerConfig.end());
  Opts.Verbose = Verbose;
  Opts.VerifyNotes = VerifyNotes;
  for (const std::string &C : Disable) {
    if (!isKnownCheck(C))
      return fail("unknown check '" + C + "' (see --list-checks)");
    Opts.DisabledChecks.push_back(C);
  }

  Expected<ApiModel> Model = loadApiModel(Opts);
  if (!Model)
    return fail(toString(Model.takeError()));
  if (ListApi) {
    for (const FunctionSpec *S : Model->all()) {
      outs() << S->Name << ": returns " << toString(S->Return);
      for (auto [I, K] : S->Steals)
        outs() << ", steals arg " << I
               << (K == StealKind::OnSuccess ? " on success" : "");
      outs() << " [" << toString(S->From) << "]\n";
    }
    return 0;
  }
  if (Opts.Files.empty())
    return fail("no input files (usage: refcheck [options] FILE... "
                "[-- COMPILER-ARGS]; see --help)");

  Expected<std::vector<FileCommand>> Plan = planCommands(Opts);
  if (!Plan)
    return fail(toString(Plan.takeError()));

  Results All;
  bool AnyVerify = false, VerifyFailed = false;
  for (const FileCommand &Cmd : *Plan) {
    if (Verbose) {
      errs() << "refcheck: " << Cmd.File << ": flags from " << Cmd.Provenance
             << ':';
      for (const std::string &A : Cmd.Args)
        errs() << ' ' << A;
      errs() << '\n';
    }
    bool Failed = false;
    AnyVerify |= isVerifyMode(Cmd);
    All.append(analyzeFile(Cmd, Opts, *Model, &Failed));
    VerifyFailed |= Failed;
  }
  All.canonicalize();

  for (const refcheck::FileError &E : All.Errors)
    errs() << "refcheck: error: " << E.File << ": " << E.Message << '\n';

  std::unique_ptr<raw_fd_ostream> File;
  raw_ostream *OS = &outs();
  if (!OutFile.empty()) {
    std::error_code EC;
    File = std::make_unique<raw_fd_ostream>(OutFile, EC, sys::fs::OF_Text);
    if (EC)
      return fail("cannot write '" + OutFile + "': " + EC.message());
    OS = File.get();
  }
  if (!AnyVerify || Format != OutputFormat::Text || !OutFile.empty()) {
    Results Shown = All;
    if (Format == OutputFormat::Text)
      Shown.Errors.clear(); // already on stderr
    writeResults(*OS, Shown, Format);
  }
  OS->flush();

  if (AnyVerify)
    return VerifyFailed ? 1 : 0;
  if (All.FilesAnalyzed == 0)
    return 2;
  return All.Findings.empty() ? 0 : 1;
}
