//===- Batch.cpp - Parallel, isolated, cached analysis of many files ------===//
//
// The parent plans, looks results up in the cache, and starts one worker
// process per remaining file (`refcheck --worker JOB`), at most Jobs at a
// time. A worker that crashes, runs out of time or memory costs only its
// file, which is reported in Results::Errors with the reason.
//
//===----------------------------------------------------------------------===//
#include "refcheck/Batch.h"
#include "ResultCache.h"
#include "refcheck/Config.h"
#include "refcheck/Report.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <signal.h>
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
                      {"project_root", C.ProjectRoot}};
}

static json::Value toJson(const DriverOptions &O) {
  json::Array Facts;
  for (const ApiAnnotation &A : O.ApiFacts)
    Facts.push_back(json::Object{
        {"function", A.Function},
        {"returns", A.Returns ? json::Value(int64_t(*A.Returns)) : nullptr},
        {"steals_args", json::Array(A.StealsArgs)}});
  return json::Object{{"api_facts", std::move(Facts)},
                      {"api_db", O.ApiDb},
                      {"python", O.Python},
                      {"disabled", json::Array(O.DisabledChecks)},
                      {"z3", O.CrosscheckZ3},
                      {"analyzer_config", json::Array(O.AnalyzerConfig)}};
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
  if (const json::Array *A = Cmd->getArray("virtual_files"))
    for (const json::Value &E : *A)
      if (const json::Array *Pair = E.getAsArray(); Pair && Pair->size() == 2)
        C.VirtualFiles.push_back({(*Pair)[0].getAsString().value_or("").str(),
                                  (*Pair)[1].getAsString().value_or("").str()});
  O.ApiDb = string(*Opts, "api_db");
  O.Python = string(*Opts, "python");
  O.DisabledChecks = strings(*Opts, "disabled");
  O.CrosscheckZ3 = Opts->getBoolean("z3").value_or(true);
  O.AnalyzerConfig = strings(*Opts, "analyzer_config");
  if (const json::Array *Facts = Opts->getArray("api_facts"))
    for (const json::Value &FV : *Facts)
      if (const json::Object *F = FV.getAsObject()) {
        ApiAnnotation A;
        A.Function = string(*F, "function");
        if (std::optional<int64_t> R = F->getInteger("returns"))
          A.Returns = ReturnKind(*R);
        if (const json::Array *St = F->getArray("steals_args"))
          for (const json::Value &N : *St)
            if (std::optional<int64_t> I = N.getAsInteger())
              A.StealsArgs.push_back(unsigned(*I));
        O.ApiFacts.push_back(std::move(A));
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

//===----------------------------------------------------------------------===//
// The worker
//===----------------------------------------------------------------------===//

/// Hidden test hooks: make the worker crash, exhaust its memory or hang on a
/// file whose path contains the given text, to test isolation. Never set in
/// normal use.
static void testHooks(StringRef File) {
  if (std::optional<std::string> Crash =
          sys::Process::GetEnv("REFCHECK_TEST_CRASH_ON"))
    if (!Crash->empty() && File.contains(*Crash)) {
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
  testHooks(Cmd.File);
  AnalysisRecord Record;
  Results R = analyzeFile(Cmd, Opts, *Model, nullptr, &Record.Inputs);
  raw_string_ostream OS(Record.ResultsDoc);
  writeJson(OS, R);
  OS.flush();
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

/// Runs a worker under the time and memory budgets. sys::ExecuteAndWait's
/// own timeout relies on SIGALRM, which one thread among many cannot use:
/// poll and kill here instead. Returns the exit status, -2 for a signal or
/// timeout (ErrMsg says which).
static int runWithBudget(const BatchOptions &BO, ArrayRef<StringRef> Args,
                         ArrayRef<std::optional<StringRef>> Redirects,
                         std::string &ErrMsg, bool &ExecFailed,
                         std::optional<sys::ProcessStatistics> &PS) {
  sys::ProcessInfo PI =
      sys::ExecuteNoWait(BO.WorkerExe, Args, std::nullopt, Redirects,
                         BO.MemoryLimitMiB, &ErrMsg, &ExecFailed);
  if (ExecFailed || PI.Pid == sys::ProcessInfo::InvalidPid)
    return -1;
  auto Deadline = std::chrono::steady_clock::now() +
                  std::chrono::seconds(BO.TimeoutSeconds);
  auto Pause = std::chrono::milliseconds(2);
  for (;;) {
    sys::ProcessInfo R = sys::Wait(PI, /*SecondsToWait=*/0, &ErrMsg, &PS);
    if (R.Pid != 0)
      return R.ReturnCode;
    if (BO.TimeoutSeconds && std::chrono::steady_clock::now() >= Deadline) {
      ::kill(PI.Pid, SIGKILL);
      sys::Wait(PI, std::nullopt, nullptr, &PS);
      ErrMsg = "timed out";
      return -2;
    }
    std::this_thread::sleep_for(Pause);
    Pause = std::min(Pause * 2, std::chrono::milliseconds(100));
  }
}

static void runWorkerProcess(Slot &S, const DriverOptions &Opts,
                             const BatchOptions &BO, StringRef TempDir,
                             unsigned Index) {
  SmallString<256> Job(TempDir);
  sys::path::append(Job, "job-" + std::to_string(Index) + ".json");
  std::string Err = (Job + ".err").str();
  json::Object J{{"command", toJson(*S.Cmd)}, {"options", toJson(Opts)}};
  std::string Text;
  raw_string_ostream OS(Text);
  OS << json::Value(std::move(J));
  OS.flush();
  auto Fail = [&](const std::string &Why) {
    S.R = Results();
    S.R.Errors.push_back({S.Cmd->File, Why});
  };
  if (!writeFile(Job, Text))
    return Fail("cannot write a job file in '" + TempDir.str() + "'");

  std::string JobArg = Job.str().str();
  StringRef Args[] = {BO.WorkerExe, "--worker", JobArg};
  std::optional<StringRef> Redirects[] = {StringRef(""), StringRef(""),
                                          StringRef(Err)};
  std::string ErrMsg;
  bool ExecFailed = false;
  std::optional<sys::ProcessStatistics> PS;
  auto Start = std::chrono::steady_clock::now();
  int RC = runWithBudget(BO, Args, Redirects, ErrMsg, ExecFailed, PS);
  S.Stat.Seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - Start)
                       .count();
  if (PS)
    S.Stat.PeakMemoryKiB = PS->PeakMemory;
  auto ErrBuf = MemoryBuffer::getFile(Err);
  StringRef Stderr = ErrBuf ? (*ErrBuf)->getBuffer() : "";
  if (ExecFailed)
    return Fail("cannot start a worker: " + ErrMsg);
  auto OutBuf = MemoryBuffer::getFile(Job + ".out");
  if (RC != 0 || !OutBuf)
    return Fail(failureReason(RC, ErrMsg, Stderr, BO));
  std::optional<AnalysisRecord> Record = parseRecord((*OutBuf)->getBuffer());
  Expected<Results> R =
      Record ? parseJsonResults(Record->ResultsDoc)
             : Expected<Results>(
                   createStringError(inconvertibleErrorCode(), "no record"));
  if (!R) {
    consumeError(R.takeError());
    return Fail("the analyzer's worker wrote unreadable results");
  }
  S.R = std::move(*R);
  if (!S.Key.empty() && S.R.Errors.empty() && S.R.FilesAnalyzed == 1)
    storeCached(BO.CacheDir, S.Key, *Record);
}

Results refcheck::runBatch(const std::vector<FileCommand> &Cmds,
                           const DriverOptions &Opts, const ApiModel &Model,
                           const BatchOptions &BO, bool *VerifyFailed,
                           std::vector<FileStat> *Stats) {
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
    All.append(std::move(S.R));
    if (Stats)
      Stats->push_back(S.Stat);
  }
  All.canonicalize();
  return All;
}
