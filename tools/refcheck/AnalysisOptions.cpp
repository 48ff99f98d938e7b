//===- AnalysisOptions.cpp - The options every subcommand shares ----------===//
#include "AnalysisOptions.h"
#include "refcheck/Checker.h"
#include "refcheck/Driver.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

using namespace llvm;
using namespace refcheck;

cl::OptionCategory &refcheck::analysisCategory() {
  static cl::OptionCategory Cat("refcheck analysis options (refcheck, bisect, bisect-step, confirm)");
  return Cat;
}

// Constructed on first use: the options below, in this file, and those of
// BisectCommand.cpp name them while static objects are being constructed.
cl::SubCommand &refcheck::bisectCommand() {
  static cl::SubCommand Cmd(
      "bisect",
      "Find the commit that introduced a finding, analyzing each revision in a "
      "temporary git worktree (the checkout is never touched).\n\n"
      "  refcheck bisect --bad REV [--good REV] (--finding ID | --function NAME "
      "[--check CHECK]) FILE... [-- COMPILER-ARGS]\n"
      "  refcheck bisect --dynamic --good REV --bad REV [--build CMD] --confirm "
      "CMD\n\n"
      "Exit status: 0 found, 1 skipped commits left several candidates or the "
      "function does not exist before the first bad commit, 2 usage or input "
      "error, 128+N killed by signal N.");
  return Cmd;
}

cl::SubCommand &refcheck::bisectStepCommand() {
  static cl::SubCommand Cmd(
      "bisect-step",
      "Judge the current checkout for `git bisect run`: exit 0 when the "
      "finding is absent (good), 1 when it is there (bad), 125 when the files "
      "are missing or do not parse, or the function does not exist (skip), "
      "128 on a usage error (stops git bisect run).\n\n"
      "  git bisect run refcheck bisect-step --function NAME FILE...");
  return Cmd;
}

cl::SubCommand &refcheck::confirmCommand() {
  static cl::SubCommand Cmd(
      "confirm",
      "Run the tests that reach each finding under a debug interpreter and "
      "measure leaks (docs/confirm.md).\n\n"
      "  refcheck confirm [options] FINDINGS.json\n"
      "  refcheck confirm [options] -- FILE... [-- COMPILER-ARGS]\n\n"
      "Exit status: 1 iff some finding is confirmed; 0 otherwise; 2 on usage "
      "or input errors.");
  return Cmd;
}

namespace {
#define EVERYWHERE                                                             \
  cl::sub(cl::SubCommand::getTopLevel()), cl::sub(bisectCommand()),           \
      cl::sub(bisectStepCommand()), cl::sub(confirmCommand()),                \
      cl::cat(analysisCategory())

cl::opt<std::string>
    BuildDir("p", cl::desc("Folder with compile_commands.json (or the file "
                           "itself). Without it, a compile_commands.json "
                           "above each file is used if it lists the file; "
                           "otherwise flags are detected (see docs/usage.md). "
                           "`confirm` also looks through its files for entry "
                           "points across files"),
             cl::value_desc("build-dir"), EVERYWHERE);
cl::list<std::string>
    ExtraArgs("extra-arg",
              cl::desc("Compiler argument to append (repeatable); use this "
                       "where `--` is unavailable, e.g. from pre-commit"),
              EVERYWHERE);
cl::list<std::string>
    ExtraArgsBefore("extra-arg-before",
                    cl::desc("Compiler argument to prepend (repeatable)"),
                    EVERYWHERE);
cl::opt<std::string>
    Python("python",
           cl::desc("Interpreter whose headers serve files outside a CPython "
                    "tree (default: python3); `confirm` also runs the tests "
                    "with it (default there: python3.11-dbg when present)"),
           cl::init("python3"), EVERYWHERE);
cl::opt<std::string>
    ApiDb("api-db",
          cl::desc("CPython's Doc/data/refcounts.dat to load (found "
                   "automatically inside a CPython tree)"),
          cl::value_desc("FILE"), EVERYWHERE);
cl::list<std::string>
    Enable("enable",
           cl::desc("Turn a check on that is off by default (--list-checks) "
                    "or that the config turns off (repeatable)"),
           cl::value_desc("check"), EVERYWHERE);
cl::list<std::string>
    Disable("disable", cl::desc("Turn a check off (repeatable; "
                                "--list-checks lists them)"),
            cl::value_desc("check"), EVERYWHERE);
cl::opt<bool> Z3("z3-crosscheck",
                 cl::desc("Refute infeasible paths with Z3 when the "
                          "LLVM build has it (default: on)"),
                 cl::init(true), EVERYWHERE);
cl::list<std::string>
    AnalyzerConfig("analyzer-config",
                   cl::desc("Static Analyzer option key=value (repeatable); "
                            "max-loop=N is clang's -analyzer-max-loop "
                            "(default 3)"),
                   EVERYWHERE);
} // namespace

std::optional<std::string> refcheck::checkAnalysisOptions() {
  for (const auto *List : {&Enable, &Disable})
    for (const std::string &C : *List)
      if (!isKnownCheck(C))
        return "unknown check '" + C + "' (see refcheck --list-checks)";
  // The analyzer's own options are checked here: the compiler, run as a
  // tool, ignores keys it does not know.
  clang::AnalyzerOptions Known;
  for (const std::string &KV : AnalyzerConfig) {
    auto [K, V] = StringRef(KV).split('=');
    if (K.empty() || !StringRef(KV).contains('='))
      return "--analyzer-config wants KEY=VALUE, e.g. max-nodes=450000; got '" +
             KV + "'";
    if (K == MaxLoopConfigKey) {
      unsigned N;
      if (V.getAsInteger(10, N) || N == 0)
        return "--analyzer-config max-loop wants a count of 1 or more; got '" +
               V.str() + "'";
      continue;
    }
    if (!K.contains(':') && Known.isUnknownAnalyzerConfig(K))
      return "unknown analyzer option '" + K.str() +
             "' (clang -cc1 -analyzer-config-help lists them)";
  }
  return std::nullopt;
}

void refcheck::applyAnalysisOptions(DriverOptions &Opts) {
  if (!BuildDir.empty())
    Opts.BuildDir = BuildDir;
  Opts.ExtraArgs.assign(ExtraArgs.begin(), ExtraArgs.end());
  Opts.ExtraArgsBefore.assign(ExtraArgsBefore.begin(), ExtraArgsBefore.end());
  Opts.Python = Python;
  Opts.ApiDb = ApiDb;
  Opts.CrosscheckZ3 = Z3;
  Opts.AnalyzerConfig.assign(AnalyzerConfig.begin(), AnalyzerConfig.end());
  Opts.DisabledChecks.assign(Disable.begin(), Disable.end());
}

std::vector<std::string> refcheck::analysisArguments() {
  auto Absolute = [](const std::string &P) {
    SmallString<256> S(P);
    sys::fs::make_absolute(S);
    return S.str().str();
  };
  std::vector<std::string> Args;
  if (Python.getNumOccurrences())
    Args.push_back("--python=" + (StringRef(Python).contains('/')
                                      ? Absolute(Python)
                                      : Python.getValue()));
  if (!ApiDb.empty())
    Args.push_back("--api-db=" + Absolute(ApiDb));
  for (const std::string &X : ExtraArgs)
    Args.push_back("--extra-arg=" + X);
  for (const std::string &X : ExtraArgsBefore)
    Args.push_back("--extra-arg-before=" + X);
  for (const std::string &X : Enable)
    Args.push_back("--enable=" + X);
  for (const std::string &X : Disable)
    Args.push_back("--disable=" + X);
  if (!Z3)
    Args.push_back("--z3-crosscheck=false");
  for (const std::string &X : AnalyzerConfig)
    Args.push_back("--analyzer-config=" + X);
  return Args;
}

std::optional<std::string> refcheck::buildDirOption() {
  if (BuildDir.empty())
    return std::nullopt;
  return BuildDir.getValue();
}

std::optional<std::string> refcheck::pythonOption() {
  if (!Python.getNumOccurrences())
    return std::nullopt;
  return Python.getValue();
}

std::vector<std::string> refcheck::enabledChecks() {
  return std::vector<std::string>(Enable.begin(), Enable.end());
}

int refcheck::fail(const Twine &Msg, int Status) {
  errs() << "refcheck: error: " << Msg << '\n';
  return Status;
}

Expected<std::unique_ptr<raw_ostream>> refcheck::openOutput(StringRef Path) {
  std::error_code EC;
  auto OS = std::make_unique<raw_fd_ostream>(Path.empty() ? "-" : Path, EC,
                                             sys::fs::OF_Text);
  if (EC)
    return createStringError(EC, "cannot write '%s': %s", Path.str().c_str(),
                             EC.message().c_str());
  return OS;
}
