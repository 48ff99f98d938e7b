//===- Batch.cpp - Parallel, isolated, cached analysis of many files ------===//
//
// The parent plans, looks results up in the cache, and starts one worker
// process per remaining file (`refcheck --worker JOB`), at most Jobs at a
// time. A worker that crashes, runs out of time or memory costs only its
// file, which is reported in Results::Errors with the reason.
//
//===----------------------------------------------------------------------===//
#include "refcheck/Batch.h"
#include "PrefixPCHs.h"
#include "ResultCache.h"
#include "WorkerPool.h"
#include "refcheck/Config.h"
#include "refcheck/Report.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <mutex>
#include <thread>

using namespace llvm;
using namespace refcheck;

//===----------------------------------------------------------------------===//
// Jobs: what the parent hands a worker
//===----------------------------------------------------------------------===//

static json::Value toJson(const FileCommand &C) {
  json::Array Virtual;
  for (const auto &[Path, Text] : C.VirtualFiles)
    Virtual.push_back(json::Array{Path, Text});
  return json::Object{{"file", C.File},
                      {"directory", C.Directory},
                      {"args", json::Array(C.Args)},
                      {"virtual_files", std::move(Virtual)},
                      {"provenance", C.Provenance},
                      {"project_root", C.ProjectRoot},
                      {"prefix_pch", C.PrefixPCH}};
}

std::string refcheck::earlyAnalysisKey(const FileCommand &C) {
  // What decides an analysis: the command, and the root its ids are made
  // against (not where the command came from).
  json::Value V = toJson(C);
  V.getAsObject()->erase("provenance");
  V.getAsObject()->erase("prefix_pch");
  std::string Key;
  raw_string_ostream(Key) << V;
  return Key;
}

/// The names of a set, sorted (a job's text is then stable).
static std::vector<std::string> sortedNames(const StringSet<> &Set) {
  std::vector<std::string> Names;
  for (const auto &E : Set)
    Names.push_back(E.getKey().str());
  llvm::sort(Names);
  return Names;
}

static json::Value toJson(const DriverOptions &O) {
  json::Array Facts;
  for (const ApiAnnotation &A : O.ApiFacts)
    Facts.push_back(json::Object{
        {"function", A.Function},
        {"returns", A.Returns ? json::Value(int64_t(*A.Returns)) : nullptr},
        {"steals_args", json::Array(A.StealsArgs)},
        {"steals_args_on_success", json::Array(A.StealsArgsOnSuccess)},
        {"steals_args_on_failure", json::Array(A.StealsArgsOnFailure)},
        {"returns_arg", A.ReturnsArg ? json::Value(int64_t(*A.ReturnsArg))
                                     : nullptr},
        {"unknown_args", json::Array(A.UnknownArgs)},
        {"can_fail", A.CanFail ? json::Value(*A.CanFail) : nullptr},
        {"error", A.Error ? json::Value(int64_t(*A.Error)) : nullptr},
        {"inferred_from", A.InferredFrom}});
  json::Array Contracts;
  for (const InferredContract &C : O.Contracts)
    Contracts.push_back(contractToJson(C));
  return json::Object{
      {"api_facts", std::move(Facts)},
      {"contracts", std::move(Contracts)},
      {"api_db", O.ApiDb},
      {"python", O.Python},
      {"disabled", json::Array(O.DisabledChecks)},
      {"z3", O.CrosscheckZ3},
      {"unit_contracts", O.InferUnitContracts},
      {"verbose", O.Verbose},
      {"function_cache", O.FunctionCache},
      {"analyzer_config", json::Array(O.AnalyzerConfig)},
      {"project_functions", json::Array(sortedNames(O.ProjectFunctions))},
      {"infer_only", json::Array(sortedNames(O.InferOnly))}};
}

static std::vector<std::string> strings(const json::Object &O, StringRef Key) {
  std::vector<std::string> Out;
  if (const json::Array *A = O.getArray(Key))
    for (const json::Value &V : *A)
      if (auto S = V.getAsString())
        Out.push_back(S->str());
  return Out;
}

static std::string string(const json::Object &O, StringRef Key) {
  if (auto S = O.getString(Key))
    return S->str();
  return "";
}

static bool fromJson(const json::Value &V, FileCommand &C, DriverOptions &O) {
  const json::Object *Job = V.getAsObject();
  const json::Object *Cmd = Job ? Job->getObject("command") : nullptr;
  const json::Object *Opts = Job ? Job->getObject("options") : nullptr;
  if (!Cmd || !Opts)
    return false;
  C.File = string(*Cmd, "file");
  C.Directory = string(*Cmd, "directory");
  C.Args = strings(*Cmd, "args");
  C.Provenance = string(*Cmd, "provenance");
  C.ProjectRoot = string(*Cmd, "project_root");
  C.PrefixPCH = string(*Cmd, "prefix_pch");
  if (const json::Array *A = Cmd->getArray("virtual_files"))
    for (const json::Value &E : *A)
      if (const json::Array *Pair = E.getAsArray(); Pair && Pair->size() == 2)
        C.VirtualFiles.push_back({(*Pair)[0].getAsString().value_or("").str(),
                                  (*Pair)[1].getAsString().value_or("").str()});
  O.ApiDb = string(*Opts, "api_db");
  O.Python = string(*Opts, "python");
  O.DisabledChecks = strings(*Opts, "disabled");
  O.CrosscheckZ3 = Opts->getBoolean("z3").value_or(true);
  O.InferUnitContracts = Opts->getBoolean("unit_contracts").value_or(true);
  O.Verbose = Opts->getBoolean("verbose").value_or(false);
  O.FunctionCache = string(*Opts, "function_cache");
  O.AnalyzerConfig = strings(*Opts, "analyzer_config");
  for (const std::string &N : strings(*Opts, "project_functions"))
    O.ProjectFunctions.insert(N);
  for (const std::string &N : strings(*Opts, "infer_only"))
    O.InferOnly.insert(N);
  if (const json::Array *Facts = Opts->getArray("api_facts"))
    for (const json::Value &FV : *Facts)
      if (const json::Object *F = FV.getAsObject()) {
        ApiAnnotation A;
        A.Function = string(*F, "function");
        if (std::optional<int64_t> R = F->getInteger("returns"))
          A.Returns = ReturnKind(*R);
        for (auto [Key, Into] :
             {std::pair("steals_args", &A.StealsArgs),
              std::pair("steals_args_on_success", &A.StealsArgsOnSuccess),
              std::pair("steals_args_on_failure", &A.StealsArgsOnFailure),
              std::pair("unknown_args", &A.UnknownArgs)})
          if (const json::Array *St = F->getArray(Key))
            for (const json::Value &N : *St)
              if (std::optional<int64_t> I = N.getAsInteger())
                Into->push_back(unsigned(*I));
        if (std::optional<int64_t> R = F->getInteger("returns_arg"))
          A.ReturnsArg = unsigned(*R);
        A.CanFail = F->getBoolean("can_fail");
        if (std::optional<int64_t> E = F->getInteger("error"))
          A.Error = uint8_t(*E);
        A.InferredFrom = string(*F, "inferred_from");
        O.ApiFacts.push_back(std::move(A));
      }
  if (const json::Array *Cs = Opts->getArray("contracts"))
    for (const json::Value &CV : *Cs) {
      std::optional<InferredContract> C = contractFromJson(CV);
      if (!C)
        return false;
      O.Contracts.push_back(std::move(*C));
    }
  return !C.File.empty();
}

static bool writeFile(StringRef Path, StringRef Text) {
  std::error_code EC;
  raw_fd_ostream OS(Path, EC, sys::fs::OF_Text);
  if (EC)
    return false;
  OS << Text;
  OS.close();
  return !OS.has_error();
}

/// A file's inferred contracts as the worker hands them over and the cache
/// keeps them.
static std::string contractsDoc(const FileContracts &F) {
  json::Array Cs;
  for (const InferredContract &C : F.Contracts)
    Cs.push_back(contractToJson(C));
  std::string Text;
  raw_string_ostream OS(Text);
  json::Object Needs;
  for (const auto &[Name, Calls] : F.Needs)
    Needs[Name] = json::Array(Calls);
  OS << json::Value(json::Object{{"contracts", std::move(Cs)},
                                 {"callees", json::Array(F.Callees)},
                                 {"defines", json::Array(F.Defines)},
                                 {"needs", std::move(Needs)},
                                 {"analysis", F.AnalysisDoc},
                                 {"explored", F.Explored},
                                 {"reused", F.Reused},
                                 {"error", F.Error}});
  return Text;
}

static std::optional<FileContracts> parseContractsDoc(StringRef Doc) {
  Expected<json::Value> V = json::parse(Doc);
  if (!V) {
    consumeError(V.takeError());
    return std::nullopt;
  }
  const json::Object *O = V->getAsObject();
  const json::Array *Cs = O ? O->getArray("contracts") : nullptr;
  if (!Cs)
    return std::nullopt;
  FileContracts F;
  for (const json::Value &CV : *Cs) {
    std::optional<InferredContract> C = contractFromJson(CV);
    if (!C)
      return std::nullopt;
    F.Contracts.push_back(std::move(*C));
  }
  F.Callees = strings(*O, "callees");
  F.Defines = strings(*O, "defines");
  if (const json::Object *Needs = O->getObject("needs"))
    for (const auto &E : *Needs)
      F.Needs[E.first.str()] = strings(*Needs, E.first);
  F.AnalysisDoc = string(*O, "analysis");
  F.Explored = O->getInteger("explored").value_or(0);
  F.Reused = O->getInteger("reused").value_or(0);
  F.Error = string(*O, "error");
  return F;
}

//===----------------------------------------------------------------------===//
// The worker
//===----------------------------------------------------------------------===//

/// Hidden test hooks: make the worker crash, exhaust its memory or hang on a
/// file whose path contains the given text, to test isolation (CRASH_ON in
/// any job, CRASH_ON_ANALYSIS in a job that analyzes the file). Never set
/// in normal use.
static void testHooks(StringRef File, bool Analyzes) {
  for (const char *Hook :
       {"REFCHECK_TEST_CRASH_ON", "REFCHECK_TEST_CRASH_ON_ANALYSIS"})
    if (std::optional<std::string> Crash = sys::Process::GetEnv(Hook))
      if (!Crash->empty() && File.contains(*Crash) &&
          (Analyzes || StringRef(Hook).ends_with("_ON"))) {
        static volatile int *Nowhere = nullptr;
        *Nowhere = 1; // a real fault, as an analyzer bug would make
      }
  if (std::optional<std::string> Grow =
          sys::Process::GetEnv("REFCHECK_TEST_GROW_ON"))
    if (!Grow->empty() && File.contains(*Grow))
      for (std::vector<std::unique_ptr<char[]>> Hoard;;) {
        Hoard.emplace_back(new char[64 << 20]);
        std::fill_n(Hoard.back().get(), 64 << 20, 1);
      }
  if (std::optional<std::string> Hang =
          sys::Process::GetEnv("REFCHECK_TEST_HANG_ON"))
    if (!Hang->empty() && File.contains(*Hang))
      for (;;)
        std::this_thread::sleep_for(std::chrono::seconds(1));
}

int refcheck::runWorker(StringRef JobFile) {
  if (JobFile == "-")
    return serveJobs(runWorker);
  auto Buf = MemoryBuffer::getFile(JobFile);
  if (!Buf) {
    errs() << "refcheck: error: cannot read job '" << JobFile << "'\n";
    return 2;
  }
  Expected<json::Value> V = json::parse((*Buf)->getBuffer());
  FileCommand Cmd;
  DriverOptions Opts;
  if (!V || !fromJson(*V, Cmd, Opts)) {
    if (!V)
      consumeError(V.takeError());
    errs() << "refcheck: error: malformed job '" << JobFile << "'\n";
    return 2;
  }
  Expected<ApiModel> Model = loadApiModel(Opts);
  if (!Model) {
    errs() << "refcheck: error: " << toString(Model.takeError()) << '\n';
    return 2;
  }
  std::optional<StringRef> Mode = V->getAsObject()->getString("mode");
  testHooks(Cmd.File, !Mode || *Mode == "infer-analyze");
  AnalysisRecord Record;
  if (Mode == "infer" || Mode == "infer-analyze") {
    Results Analysis;
    FileContracts F =
        inferFileContracts(Cmd, Opts, *Model, &Record.Inputs,
                           Mode == "infer-analyze" ? &Analysis : nullptr);
    if (Mode == "infer-analyze" && F.Error.empty()) {
      raw_string_ostream OS(F.AnalysisDoc);
      writeJson(OS, Analysis);
    }
    Record.ResultsDoc = contractsDoc(F);
  } else if (Mode == "scan") {
    Record.ResultsDoc =
        contractsDoc(scanFileContracts(Cmd, Opts, &Record.Inputs));
  } else {
    Results R = analyzeFile(Cmd, Opts, *Model, nullptr, &Record.Inputs);
    raw_string_ostream OS(Record.ResultsDoc);
    writeJson(OS, R);
    OS.flush();
  }
  return writeFile((JobFile + ".out").str(), toText(Record)) ? 0 : 2;
}

//===----------------------------------------------------------------------===//
// The parent
//===----------------------------------------------------------------------===//

std::string refcheck::defaultCacheDir() {
  SmallString<256> P;
  if (std::optional<std::string> X = sys::Process::GetEnv("XDG_CACHE_HOME");
      X && !X->empty())
    P = *X;
  else if (!sys::path::home_directory(P))
    return "";
  else
    sys::path::append(P, ".cache");
  sys::path::append(P, "refcheck");
  return P.str().str();
}

namespace {
/// One file's way through the batch.
struct Slot {
  const FileCommand *Cmd = nullptr;
  std::string Key; ///< cache key; empty when not cached
  Results R;
  FileStat Stat;
  bool Done = false;
};

/// "refcheck: [12/40] 3 findings" on a terminal, redrawn in place.
class ProgressLine {
  std::mutex M;
  unsigned Total, Finished = 0, Findings = 0;
  bool Enabled;

public:
  ProgressLine(unsigned Total, bool Enabled)
      : Total(Total), Enabled(Enabled && Total > 1) {}
  void done(const Results &R) {
    std::lock_guard<std::mutex> L(M);
    ++Finished;
    Findings += R.Findings.size();
    if (Enabled)
      errs() << "\rrefcheck: [" << Finished << '/' << Total << "] "
             << Findings << (Findings == 1 ? " finding" : " findings")
             << "\x1b[K";
  }
  ~ProgressLine() {
    if (Enabled && Finished)
      errs() << "\r\x1b[K";
  }
};
} // namespace

/// Why a worker ended without results, in the user's words.
static std::string failureReason(int RC, StringRef ErrMsg, StringRef Stderr,
                                 const BatchOptions &BO) {
  if (ErrMsg.contains("timed out"))
    return "ran out of time (budget " + std::to_string(BO.TimeoutSeconds) +
           " s per file; raise it with --timeout)";
  if (Stderr.contains("out of memory") || Stderr.contains("bad_alloc"))
    return "ran out of memory (budget " + std::to_string(BO.MemoryLimitMiB) +
           " MiB per file; raise it with --memory-limit)";
  if (RC == -2 || RC < 0) {
    std::string Why = ErrMsg.empty() ? "killed by a signal" : ErrMsg.str();
    return "the analyzer crashed on this file (" + Why + ")";
  }
  // A worker's own error line, if it wrote one.
  for (StringRef Line : llvm::split(Stderr, '\n'))
    if (Line.consume_front("refcheck: error: "))
      return Line.str();
  return "the analyzer stopped with exit status " + std::to_string(RC);
}

std::string refcheck::describe(const FileStat &S) {
  std::string Out = formatv("{0:F2} s, ", S.Seconds).str();
  if (S.CpuSeconds >= 0)
    Out += formatv("{0:F2} s CPU, ", S.CpuSeconds).str();
  Out += std::to_string(S.PeakMemoryKiB / 1024) + " MiB peak";
  if (S.FunctionsReused)
    Out += formatv(", {0} of {1} functions from the cache", S.FunctionsReused,
                   S.FunctionsBegun)
               .str();
  return Out;
}

/// Runs one job in a worker process under the budgets: a file's analysis,
/// or with Mode "scan", "infer" or "infer-analyze" its contract scan or
/// inference (with its analysis). Returns the file's record, or why there
/// is none.
static Expected<AnalysisRecord>
runJob(const FileCommand &Cmd, const DriverOptions &Opts, StringRef Mode,
       const BatchOptions &BO, StringRef TempDir, StringRef Name,
       FileStat &Stat) {
  auto Fail = [](const Twine &Why) -> Expected<AnalysisRecord> {
    return createStringError(inconvertibleErrorCode(), Why);
  };
  SmallString<256> Job(TempDir);
  sys::path::append(Job, "job-" + Name + ".json");
  json::Object J{{"options", toJson(Opts)},
                 {"command", toJson(withPrefixPCH(Cmd, BO.Stats))}};
  if (!Mode.empty())
    J["mode"] = Mode;
  std::string Text;
  raw_string_ostream OS(Text);
  OS << json::Value(std::move(J));
  OS.flush();
  if (!writeFile(Job, Text))
    return Fail("cannot write a job file in '" + TempDir + "'");

  BatchOptions Budget = BO;
  // An inference and analysis: two budgets.
  Budget.TimeoutSeconds *= Mode == "infer-analyze" ? 2 : 1;
  auto Start = std::chrono::steady_clock::now();
  JobOutcome O = runInWorker(BO.WorkerExe, Job, Budget.TimeoutSeconds,
                             BO.MemoryLimitMiB);
  Stat.Seconds = std::chrono::duration<double>(
                     std::chrono::steady_clock::now() - Start)
                     .count();
  Stat.CpuSeconds = O.CpuSeconds;
  Stat.PeakMemoryKiB = O.PeakMemoryKiB;
  if (O.ExecFailed)
    return Fail("cannot start a worker: " + O.ErrMsg);
  auto ErrBuf = MemoryBuffer::getFile(Job + ".err");
  StringRef Stderr = ErrBuf ? (*ErrBuf)->getBuffer() : "";
  if (BO.Verbose && !Stderr.empty()) {
    static std::mutex Relay;
    std::lock_guard<std::mutex> L(Relay);
    errs() << Stderr;
  }
  auto OutBuf = MemoryBuffer::getFile(Job + ".out");
  if (!OutBuf || O.ReturnCode != 0)
    return Fail(failureReason(O.ReturnCode, O.ErrMsg, Stderr, Budget));
  std::optional<AnalysisRecord> Record = parseRecord((*OutBuf)->getBuffer());
  if (!Record)
    return Fail("the analyzer's worker wrote unreadable results");
  return std::move(*Record);
}

static void runWorkerProcess(Slot &S, const DriverOptions &Opts,
                             const BatchOptions &BO, StringRef TempDir,
                             unsigned Index) {
  auto Fail = [&](const std::string &Why) {
    S.R = Results();
    S.R.Errors.push_back({S.Cmd->File, Why});
  };
  Expected<AnalysisRecord> Record = runJob(
      *S.Cmd, Opts, "", BO, TempDir, std::to_string(Index), S.Stat);
  if (!Record)
    return Fail(toString(Record.takeError()));
  Expected<Results> R = parseJsonResults(Record->ResultsDoc);
  if (!R) {
    consumeError(R.takeError());
    return Fail("the analyzer's worker wrote unreadable results");
  }
  S.R = std::move(*R);
  if (!S.Key.empty() && S.R.Errors.empty() && S.R.FilesAnalyzed == 1)
    storeCached(BO.CacheDir, S.Key, *Record);
}

/// S's results from the analysis made with its inference, if there was
/// one; cached like a worker's.
static bool takeEarly(Slot &S, const EarlyAnalyses &Early,
                      const BatchOptions &BO) {
  auto It = Early.find(earlyAnalysisKey(*S.Cmd));
  if (It == Early.end())
    return false;
  Expected<Results> R = parseJsonResults(It->second.ResultsDoc);
  if (!R) {
    consumeError(R.takeError());
    return false;
  }
  S.R = std::move(*R);
  S.Stat = It->second.Stat;
  S.Stat.File = S.Cmd->File;
  S.Done = true;
  if (!S.Key.empty() && S.R.Errors.empty() && S.R.FilesAnalyzed == 1)
    storeCached(BO.CacheDir, S.Key,
                AnalysisRecord{It->second.Inputs, It->second.ResultsDoc});
  return true;
}

Results refcheck::runBatch(const std::vector<FileCommand> &Cmds,
                           const DriverOptions &Opts, const ApiModel &Model,
                           const BatchOptions &BO, bool *VerifyFailed,
                           std::vector<FileStat> *Stats,
                           const EarlyAnalyses *Early) {
  std::vector<Slot> Slots(Cmds.size());
  DriverOptions WorkerOpts = Opts;
  WorkerOpts.ApiDb = resolveApiDb(Opts);
  ProgressLine Progress(Cmds.size(), BO.Progress);
  InputHashes Hashes;

  std::vector<unsigned> ToRun;
  for (unsigned I = 0; I < Cmds.size(); ++I) {
    Slot &S = Slots[I];
    S.Cmd = &Cmds[I];
    S.Stat.File = Cmds[I].File;
    if (isVerifyMode(Cmds[I])) {
      // clang's -verify reports on stderr and through the exit status:
      // in this process.
      auto Start = std::chrono::steady_clock::now();
      bool Failed = false;
      S.R = analyzeFile(Cmds[I], Opts, Model, &Failed);
      S.Stat.Seconds = std::chrono::duration<double>(
                           std::chrono::steady_clock::now() - Start)
                           .count();
      if (VerifyFailed)
        *VerifyFailed |= Failed;
      S.Done = true;
      Progress.done(S.R);
      continue;
    }
    if (!BO.CacheDir.empty()) {
      S.Key = cacheKey(Cmds[I], WorkerOpts, Model, BO.WorkerExe);
      if (std::optional<Results> Hit =
              lookupCached(BO.CacheDir, S.Key, Cmds[I], Hashes)) {
        S.R = std::move(*Hit);
        S.Stat.FromCache = true;
        S.Done = true;
        Progress.done(S.R);
        continue;
      }
    }
    if (Early && takeEarly(S, *Early, BO)) {
      Progress.done(S.R);
      continue;
    }
    ToRun.push_back(I);
  }

  if (!ToRun.empty()) {
    SmallString<128> TempDir;
    if (std::error_code EC =
            sys::fs::createUniqueDirectory("refcheck-jobs", TempDir)) {
      for (unsigned I : ToRun)
        Slots[I].R.Errors.push_back(
            {Cmds[I].File, "cannot create a temporary folder: " + EC.message()});
    } else {
      unsigned Jobs =
          BO.Jobs ? BO.Jobs : std::max(1u, std::thread::hardware_concurrency());
      Jobs = std::min<unsigned>(Jobs, ToRun.size());
      DefaultThreadPool Pool(hardware_concurrency(Jobs));
      for (unsigned I : ToRun)
        Pool.async([&, I] {
          runWorkerProcess(Slots[I], WorkerOpts, BO, TempDir, I);
          Progress.done(Slots[I].R);
        });
      Pool.wait();
      sys::fs::remove_directories(TempDir);
    }
  }

  Results All;
  for (Slot &S : Slots) {
    if (!S.Stat.FromCache) {
      S.Stat.FunctionsBegun = S.R.FunctionsBegun;
      S.Stat.FunctionsReused = S.R.FunctionsReused;
    }
    All.append(std::move(S.R));
    if (Stats)
      Stats->push_back(S.Stat);
  }
  All.canonicalize();
  return All;
}

//===----------------------------------------------------------------------===//
// Project contracts
//===----------------------------------------------------------------------===//

namespace {
/// One project file's way through inference.
struct InferSlot {
  const FileCommand *Cmd = nullptr;
  /// What the parse says the file defines and calls.
  FileContracts Scan;
  /// Each function inferred so far, with the digest of the contracts of
  /// what it needs (FileContracts::Needs) that its last inference saw.
  StringMap<std::string> Seen;
  /// Whether an inference of the file ran (its error is told once).
  bool Inferred = false;
  /// Whether the file is analyzed next, so may be in its inference's parse,
  /// and the key its analysis goes under then (earlyAnalysisKey).
  bool AnalyzeToo = false;
  std::string EarlyKey;
  /// Whether the file calls a file that calls it back (inferenceWaves).
  bool InCycle = false;
  /// The contracts of what it calls that its analysis made with its
  /// inference (EarlyAnalyses) saw.
  std::optional<std::string> EarlyDeps;

  /// What the contract of N, a function the file defines, depends on.
  ArrayRef<std::string> needsOf(StringRef N) const {
    auto It = Scan.Needs.find(N.str());
    return It != Scan.Needs.end() ? ArrayRef<std::string>(It->second)
                                  : ArrayRef<std::string>(Scan.Callees);
  }
};
} // namespace

/// What an inference depends on beyond its file's own inputs: the
/// contracts of the functions of other files it calls (Names). Where those
/// functions are (their origin line) matters to an analysis, whose path
/// notes name it, not to an inference: an edit that moves a function
/// without changing what it does infers no other file again.
static std::string depsDigest(ArrayRef<std::string> Names,
                              const StringMap<InferredContract> &Known,
                              const StringSet<> &Project,
                              bool WithOrigin = true) {
  std::string D;
  raw_string_ostream OS(D);
  for (const std::string &Name : Names) {
    auto It = Known.find(Name);
    if (It != Known.end())
      OS << contractToJson(It->second, WithOrigin) << '\n';
    else if (Project.contains(Name))
      OS << "pending " << Name << '\n';
  }
  return D;
}

/// The nodes of a directed graph by the height of their strongly
/// connected part (Tarjan's algorithm): 0 for a part that reaches no
/// other, else one more than the highest part it reaches. InCycle, if
/// given, says which nodes share their part with another.
static std::vector<std::vector<unsigned>>
partLayers(const std::vector<std::vector<unsigned>> &Edges,
           std::vector<bool> *InCycle = nullptr) {
  size_t N = Edges.size();
  std::vector<int> Index(N, -1), Low(N, 0), Part(N, -1);
  std::vector<bool> OnStack(N, false);
  std::vector<unsigned> Stack, Height; // Height: per part
  int Next = 0;
  std::function<void(unsigned)> Visit = [&](unsigned V) {
    Index[V] = Low[V] = Next++;
    Stack.push_back(V);
    OnStack[V] = true;
    for (unsigned W : Edges[V]) {
      if (Index[W] < 0) {
        Visit(W);
        Low[V] = std::min(Low[V], Low[W]);
      } else if (OnStack[W]) {
        Low[V] = std::min(Low[V], Index[W]);
      }
    }
    if (Low[V] != Index[V])
      return;
    unsigned P = Height.size();
    std::vector<unsigned> Members;
    unsigned W;
    do {
      W = Stack.back();
      Stack.pop_back();
      OnStack[W] = false;
      Part[W] = P;
      Members.push_back(W);
    } while (W != V);
    unsigned H = 0;
    for (unsigned M : Members)
      for (unsigned C : Edges[M])
        if (Part[C] != int(P))
          H = std::max(H, Height[Part[C]] + 1);
    Height.push_back(H);
    if (InCycle)
      for (unsigned M : Members)
        (*InCycle)[M] = Members.size() > 1;
  };
  for (unsigned V = 0; V < N; ++V)
    if (Index[V] < 0)
      Visit(V);
  std::vector<std::vector<unsigned>> Layers;
  for (unsigned V = 0; V < N; ++V) {
    unsigned H = Height[Part[V]];
    if (Layers.size() <= H)
      Layers.resize(H + 1);
    Layers[H].push_back(V);
  }
  return Layers;
}

/// The files of Among in waves: each strongly connected part of the graph
/// of calls between files (a file calls another when it calls a function
/// the other defines) comes in the wave after every part it calls, so the
/// first wave holds the files that call no other file. Each file's
/// InCycle says whether it is in such a part with others.
static std::vector<std::vector<unsigned>>
inferenceWaves(MutableArrayRef<InferSlot> Slots, ArrayRef<unsigned> Among) {
  StringMap<unsigned> Owner;
  for (unsigned K = 0; K < Among.size(); ++K)
    for (const std::string &N : Slots[Among[K]].Scan.Defines)
      Owner.try_emplace(N, K);
  std::vector<std::vector<unsigned>> Calls(Among.size());
  for (unsigned K = 0; K < Among.size(); ++K) {
    for (const std::string &N : Slots[Among[K]].Scan.Callees)
      if (auto It = Owner.find(N); It != Owner.end() && It->second != K)
        Calls[K].push_back(It->second);
    llvm::sort(Calls[K]);
    Calls[K].erase(std::unique(Calls[K].begin(), Calls[K].end()),
                   Calls[K].end());
  }
  std::vector<bool> InCycle(Among.size(), false);
  std::vector<std::vector<unsigned>> Waves = partLayers(Calls, &InCycle);
  for (unsigned K = 0; K < Among.size(); ++K)
    Slots[Among[K]].InCycle = InCycle[K];
  for (std::vector<unsigned> &Wave : Waves)
    for (unsigned &K : Wave)
      K = Among[K];
  return Waves;
}

/// The functions of a wave of files that call each other, in steps: a
/// function comes in the step after every function of another file of the
/// wave that it needs (FileContracts::Needs), so each is inferred once,
/// against final contracts, unless functions of two files need each other
/// (those share a step and are iterated). Wanted says which functions get
/// a contract.
static std::vector<StringSet<>>
functionSteps(ArrayRef<InferSlot> Slots, ArrayRef<unsigned> Wave,
              function_ref<bool(StringRef)> Wanted) {
  std::vector<std::pair<unsigned, StringRef>> Nodes; // (file, function)
  StringMap<unsigned> NodeOf;
  for (unsigned I : Wave)
    for (const std::string &N : Slots[I].Scan.Defines)
      if (Wanted(N) && NodeOf.try_emplace(N, Nodes.size()).second)
        Nodes.push_back({I, N});
  std::vector<std::vector<unsigned>> Edges(Nodes.size());
  for (unsigned V = 0; V < Nodes.size(); ++V)
    for (const std::string &M : Slots[Nodes[V].first].needsOf(Nodes[V].second))
      if (auto It = NodeOf.find(M);
          It != NodeOf.end() && Nodes[It->second].first != Nodes[V].first)
        Edges[V].push_back(It->second);
  std::vector<StringSet<>> Steps;
  for (const std::vector<unsigned> &Layer : partLayers(Edges)) {
    StringSet<> &Step = Steps.emplace_back();
    for (unsigned V : Layer)
      Step.insert(Nodes[V].second);
  }
  return Steps;
}

std::vector<InferredContract>
refcheck::inferProjectContracts(const std::vector<FileCommand> &Project,
                                const DriverOptions &Opts,
                                const ApiModel &Model, const BatchOptions &BO,
                                std::vector<FileError> *Errors,
                                const std::vector<FileCommand> *Analyze,
                                EarlyAnalyses *Early) {
  std::vector<InferSlot> Slots(Project.size());
  StringSet<> ToAnalyze;
  if (Analyze && Early)
    for (const FileCommand &C : *Analyze)
      if (!isVerifyMode(C))
        ToAnalyze.insert(earlyAnalysisKey(C));
  for (size_t I = 0; I < Project.size(); ++I) {
    InferSlot &S = Slots[I];
    S.Cmd = &Project[I];
    if (!ToAnalyze.empty()) {
      S.EarlyKey = earlyAnalysisKey(Project[I]);
      S.AnalyzeToo = ToAnalyze.contains(S.EarlyKey);
    }
  }
  DriverOptions Base = Opts;
  Base.Contracts.clear();
  Base.ApiDb = resolveApiDb(Opts);
  InputHashes Hashes;
  struct {
    unsigned Inferred = 0, FromCache = 0, Rounds = 0, Scanned = 0,
             ScanFromCache = 0, Analyzed = 0, Explored = 0, Reused = 0;
  } Stat;
  StringMap<InferredContract> Known;
  /// Per callback field, what each file that stores functions in it
  /// inferred: Known holds them merged.
  std::map<std::string, std::map<std::string, InferredContract>> FieldParts;
  // Bottom-up in rounds: a file is inferred again when the contracts of
  // what it calls changed since; recursion across files settles within a
  // few rounds, and what does not is cut off there.
  constexpr unsigned MaxRounds = 5;
  DriverOptions WithKnown;
  std::optional<ApiModel> M;
  // The options and model of a round: Base plus what is known so far.
  auto Prepare = [&] {
    WithKnown = Base;
    for (const auto &E : Known)
      WithKnown.Contracts.push_back(E.getValue());
    Expected<ApiModel> L = loadApiModel(WithKnown);
    if (!L) {
      consumeError(L.takeError());
      return false;
    }
    M = std::move(*L);
    return true;
  };
  // Runs the job Mode ("infer" or "scan") of each file of Run with Options
  // (Model for the in-process way), in parallel in workers when there is
  // more than one. Only, if given, names per file the functions to infer.
  auto RunJobs = [&](ArrayRef<unsigned> Run, StringRef Mode,
                     const DriverOptions &Options, const ApiModel *Mdl,
                     std::vector<std::optional<FileContracts>> &Got,
                     std::vector<AnalysisRecord> &Records,
                     ArrayRef<std::vector<std::string>> Only = {},
                     const std::vector<bool> *ThenAnalyze = nullptr,
                     std::vector<FileStat> *Took = nullptr) {
    // The stats line of a worker's job.
    auto Say = [&](StringRef What, const FileStat &Cost) {
      if (BO.Stats)
        errs() << "refcheck: stats: " << What << ": " << describe(Cost)
               << "\n";
    };
    // File I's contracts from a worker's record, if it is readable; else
    // why not.
    auto Take = [&](unsigned I,
                    Expected<AnalysisRecord> &Rec) -> std::optional<std::string> {
      if (!Rec)
        return toString(Rec.takeError());
      std::optional<FileContracts> F = parseContractsDoc(Rec->ResultsDoc);
      if (!F)
        return std::string("the analyzer's worker wrote unreadable results");
      Records[I] = std::move(*Rec);
      Got[I] = std::move(F);
      return std::nullopt;
    };
    auto One = [&](unsigned I, StringRef TempDir) {
      std::optional<DriverOptions> Narrowed;
      if (!Only.empty()) {
        Narrowed = Options;
        Narrowed->InferOnly.clear();
        for (const std::string &N : Only[I])
          Narrowed->InferOnly.insert(N);
      }
      const DriverOptions &O = Narrowed ? *Narrowed : Options;
      FileStat Cost;
      if (BO.WorkerExe.empty() || TempDir.empty()) {
        auto Start = std::chrono::steady_clock::now();
        FileCommand C = withPrefixPCH(*Slots[I].Cmd, BO.Stats);
        Got[I] = Mode == "scan"
                     ? scanFileContracts(C, O, &Records[I].Inputs)
                     : inferFileContracts(C, O, *Mdl, &Records[I].Inputs);
        Cost.Seconds = std::chrono::duration<double>(
                           std::chrono::steady_clock::now() - Start)
                           .count();
        if (Took)
          (*Took)[I] = Cost;
        return;
      }
      // With the analysis first, if asked; if that worker fails, the
      // inference alone, so a crash in the analysis does not cost the
      // file's contracts (runBatch analyzes it again).
      for (bool Then : {ThenAnalyze && (*ThenAnalyze)[I], false}) {
        StringRef M = Then ? "infer-analyze" : Mode;
        Expected<AnalysisRecord> Rec =
            runJob(*Slots[I].Cmd, O, M, BO, TempDir,
                   Mode.str() + "-" + std::to_string(I), Cost);
        if (Took)
          (*Took)[I] = Cost;
        Say((M + " " + Slots[I].Cmd->File).str(), Cost);
        if (std::optional<std::string> Why = Take(I, Rec)) {
          Got[I].emplace();
          Got[I]->Error = std::move(*Why);
        }
        // A file that cannot be parsed fails the same way alone.
        if (!Then || Got[I]->Error.empty() ||
            StringRef(Got[I]->Error).starts_with("cannot be parsed"))
          break;
      }
    };
    if (Run.empty())
      return;
    unsigned Jobs =
        BO.Jobs ? BO.Jobs : std::max(1u, std::thread::hardware_concurrency());
    Jobs = std::min<unsigned>(Jobs, Run.size());
    // In workers, which the analyses reuse afterwards (WorkerPool.h); in
    // this process only when no temporary folder can be made.
    SmallString<128> TempDir;
    if (!BO.WorkerExe.empty() &&
        sys::fs::createUniqueDirectory("refcheck-infer", TempDir))
      TempDir.clear();
    if (TempDir.empty()) {
      for (unsigned I : Run)
        One(I, "");
    } else {
      DefaultThreadPool Pool(hardware_concurrency(Jobs));
      for (unsigned I : Run)
        Pool.async([&, I] { One(I, TempDir); });
      Pool.wait();
    }
    if (!TempDir.empty())
      sys::fs::remove_directories(TempDir);
  };
  // Whether N, a function a file defines, gets a contract: only what
  // another file calls (unless all are asked for); a file's own calls to
  // its functions are followed into their bodies.
  auto Wanted = [&](StringRef N) {
    return BO.InferAllContracts || Base.InferOnly.contains(N);
  };
  // One round over the files Among: each function they define that gets a
  // contract (and is among Candidates, if given) is inferred again when
  // the contracts of what it needs changed since its last inference (or it
  // never was), all against the same model, so in parallel. Returns
  // whether any contract changed; Ran says whether any file was looked at.
  auto RunRound = [&](ArrayRef<unsigned> Among, const StringSet<> *Candidates,
                      bool &Ran) {
    bool Changed = false;
    // What this round's model holds: a function's dependencies are judged
    // against it, so what other files find now is seen next round. Every
    // file of a round sees the same model: they run in parallel.
    StringMap<InferredContract> Snap = Known;
    auto Digest = [&](const InferSlot &S, StringRef N) {
      return depsDigest(S.needsOf(N), Snap, Base.ProjectFunctions,
                        /*WithOrigin=*/false);
    };
    std::vector<unsigned> Todo, Run;
    std::vector<std::string> Keys(Slots.size());
    std::vector<std::vector<std::string>> Redo(Slots.size());
    std::vector<std::optional<FileContracts>> Got(Slots.size());
    std::vector<AnalysisRecord> Records(Slots.size());
    for (unsigned I : Among) {
      InferSlot &S = Slots[I];
      for (const std::string &N : S.Scan.Defines) {
        if (!Wanted(N) || (Candidates && !Candidates->contains(N)))
          continue;
        auto It = S.Seen.find(N);
        if (It == S.Seen.end() || It->second != Digest(S, N))
          Redo[I].push_back(N);
      }
      if (Redo[I].empty())
        continue;
      Todo.push_back(I);
      if (!BO.CacheDir.empty()) {
        BLAKE3 H;
        H.update(cacheKey(*S.Cmd, Base, Model, BO.WorkerExe));
        H.update("infer-contracts-4");
        for (const std::string &N : Redo[I])
          H.update(N + "\n" + Digest(S, N) + "\n");
        Keys[I] = toHex(H.final<16>(), /*LowerCase=*/true);
        if (std::optional<std::string> Doc =
                lookupCachedDoc(BO.CacheDir, Keys[I], *S.Cmd, Hashes))
          Got[I] = parseContractsDoc(*Doc);
      }
      if (Got[I])
        ++Stat.FromCache;
      else
        Run.push_back(I);
    }
    // A file in no cycle of calls between files is inferred once, with
    // all its functions, when everything it calls is settled: then it is
    // analyzed in the same parse, if it is analyzed next. A file in a cycle
    // is inferred a few functions at a time: it is analyzed along from the
    // inference that leaves none of its functions without a contract, once
    // every project function it calls has one. That analysis holds only if
    // nothing it depends on changes after it (a later inference of the file
    // drops it, and so does a change in the contracts of what it calls: see
    // EarlyDeps).
    std::vector<bool> ThenAnalyze(Slots.size(), false);
    for (unsigned I : Run) {
      const InferSlot &S = Slots[I];
      auto Settled = [&](StringRef N) {
        return !Wanted(N) || S.Seen.contains(N) ||
               llvm::is_contained(Redo[I], N);
      };
      auto Known = [&](StringRef N) {
        return !Base.ProjectFunctions.contains(N) || Snap.contains(N);
      };
      ThenAnalyze[I] = S.AnalyzeToo &&
                       (S.InCycle ? llvm::all_of(S.Scan.Defines, Settled) &&
                                        llvm::all_of(S.Scan.Callees, Known)
                                  : !S.Inferred);
    }
    std::vector<FileStat> Took(Slots.size());
    Stat.Inferred += Run.size();
    Stat.Rounds += !Todo.empty();
    RunJobs(Run, "infer", WithKnown, &*M, Got, Records, Redo, &ThenAnalyze,
            &Took);
    // Merged in the project's order, as one file after the other would.
    for (unsigned I : Todo) {
      InferSlot &S = Slots[I];
      std::optional<FileContracts> &F = Got[I];
      // An analysis made before this inference is stale now.
      if (S.AnalyzeToo)
        Early->erase(S.EarlyKey);
      if (S.AnalyzeToo && !F->AnalysisDoc.empty()) {
        EarlyAnalysis &E = (*Early)[S.EarlyKey];
        E.Inputs = Records[I].Inputs;
        E.ResultsDoc = std::move(F->AnalysisDoc);
        E.Stat = Took[I];
        F->AnalysisDoc.clear();
        S.EarlyDeps = depsDigest(S.Scan.Callees, Snap, {});
      }
      if (llvm::is_contained(Run, I)) {
        Stat.Explored += F->Explored;
        Stat.Reused += F->Reused;
        if (!F->Error.empty()) {
          // Told once: at the file's first inference.
          if (Errors && !S.Inferred)
            Errors->push_back({S.Cmd->File, "contracts not inferred: " +
                                                F->Error});
        } else if (!Keys[I].empty()) {
          Records[I].ResultsDoc = contractsDoc(*F);
          storeCached(BO.CacheDir, Keys[I], Records[I]);
        }
      }
      S.Inferred = true;
      for (const std::string &N : Redo[I])
        S.Seen[N] = Digest(S, N);
      for (const InferredContract &C : F->Contracts) {
        InferredContract Now = C;
        // A callback field is what every file stores in it: this file's
        // part replaces its own earlier part only.
        if (isCallbackFieldKey(C.Spec.Name)) {
          auto &Parts = FieldParts[C.Spec.Name];
          Parts[S.Cmd->File] = C;
          Now = Parts.begin()->second;
          for (const auto &P : llvm::drop_begin(Parts))
            mergeAlternative(Now, P.second);
        }
        auto It = Known.find(C.Spec.Name);
        if (It != Known.end() &&
            contractToJson(It->second) == contractToJson(Now))
          continue;
        Known[C.Spec.Name] = std::move(Now);
        Changed = true;
      }
    }
    Ran = !Todo.empty();
    return Changed;
  };

  // First a parse of every file: what it defines that inference gives
  // contracts to, and what it calls. These are the project's functions: a
  // call to one whose contract is not known yet is left for a later round,
  // so recursion between files converges from below instead of from the
  // C-API convention.
  std::vector<unsigned> All;
  {
    std::vector<unsigned> Run;
    std::vector<std::string> Keys(Slots.size());
    std::vector<std::optional<FileContracts>> Got(Slots.size());
    std::vector<AnalysisRecord> Records(Slots.size());
    for (unsigned I = 0; I < Slots.size(); ++I) {
      if (!BO.CacheDir.empty()) {
        BLAKE3 H;
        H.update(cacheKey(*Slots[I].Cmd, Base, Model, BO.WorkerExe));
        H.update("scan-contracts-2");
        Keys[I] = toHex(H.final<16>(), /*LowerCase=*/true);
        if (std::optional<std::string> Doc = lookupCachedDoc(
                BO.CacheDir, Keys[I], *Slots[I].Cmd, Hashes))
          Got[I] = parseContractsDoc(*Doc);
      }
      if (Got[I])
        ++Stat.ScanFromCache;
      else
        Run.push_back(I);
    }
    Stat.Scanned = Run.size();
    RunJobs(Run, "scan", Base, nullptr, Got, Records);
    for (unsigned I = 0; I < Slots.size(); ++I) {
      InferSlot &S = Slots[I];
      FileContracts &F = *Got[I];
      if (!F.Error.empty()) {
        if (Errors)
          Errors->push_back({S.Cmd->File, "contracts not inferred: " +
                                              F.Error});
        continue;
      }
      if (llvm::is_contained(Run, I) && !Keys[I].empty()) {
        Records[I].ResultsDoc = contractsDoc(F);
        storeCached(BO.CacheDir, Keys[I], Records[I]);
      }
      S.Scan = std::move(F);
      for (const std::string &N : S.Scan.Defines)
        Base.ProjectFunctions.insert(N);
      All.push_back(I);
    }
  }
  // Only what another file calls needs a contract (see Wanted).
  // Callees lists what a file calls without defining it.
  if (!BO.InferAllContracts) {
    for (unsigned I : All)
      for (const std::string &N : Slots[I].Scan.Callees)
        if (Base.ProjectFunctions.contains(N))
          Base.InferOnly.insert(N);
  }
  bool Ran = false;

  // Bottom-up over the calls between files: the files that call each other
  // (a strongly connected part of the call graph) are taken together,
  // after every file they call is settled; parts at the same height run in
  // the same rounds. Within a part, its functions go in steps, bottom-up
  // over what they need from each other's files, and a last round
  // re-infers any whose needs still changed; functions that need each
  // other across files are iterated, within MaxRounds per step (and the
  // last round's own MaxRounds).
  for (const std::vector<unsigned> &Wave : inferenceWaves(Slots, All)) {
    std::vector<StringSet<>> Steps;
    if (llvm::any_of(Wave, [&](unsigned I) { return Slots[I].InCycle; }))
      Steps = functionSteps(Slots, Wave, Wanted);
    for (size_t Step = 0; Step <= Steps.size(); ++Step) {
      const StringSet<> *Candidates =
          Step < Steps.size() ? &Steps[Step] : nullptr;
      for (unsigned Round = 1; Round < MaxRounds; ++Round) {
        if (!Prepare())
          break;
        bool Changed = RunRound(Wave, Candidates, Ran);
        if (!Changed || !Ran)
          break;
      }
    }
    // A function the parse listed whose inference found no path (each one
    // aborts) has no contract: the files above call it by the C-API
    // convention, not as "not known yet".
    for (unsigned I : Wave)
      for (const std::string &N : Slots[I].Scan.Defines)
        if (!Known.contains(N))
          Base.ProjectFunctions.erase(N);
  }
  // An analysis made with its inference holds only if what the file calls
  // kept its contracts (a name two files define may change later).
  for (InferSlot &S : Slots) {
    if (!S.EarlyDeps || !Early->contains(S.EarlyKey))
      continue;
    if (depsDigest(S.Scan.Callees, Known, {}) != *S.EarlyDeps)
      Early->erase(S.EarlyKey);
    else
      ++Stat.Analyzed;
  }
  if (BO.Stats)
    errs() << "refcheck: stats: contracts: " << Stat.Scanned << " file scans, "
           << Stat.ScanFromCache << " scan cache hits, " << Stat.Inferred
           << " file inferences, " << Stat.FromCache << " cache hits, "
           << Stat.Rounds << (Stat.Rounds == 1 ? " round" : " rounds") << ", "
           << Stat.Analyzed << " analyzed in the same parse, " << Stat.Reused
           << " of " << (Stat.Explored + Stat.Reused)
           << " function explorations from the cache\n";
  std::vector<InferredContract> Out;
  for (const auto &E : Known)
    Out.push_back(E.getValue());
  llvm::sort(Out, [](const InferredContract &A, const InferredContract &B) {
    return A.Spec.Name < B.Spec.Name;
  });
  return Out;
}
