//===- Batch.h - Many files: parallel, isolated, cached --------*- C++ -*-===//
//
// Runs the analysis of many files the way a project needs it: each file in
// its own worker process (a crash, assertion, runaway or memory blow-up on
// one file costs only that file), N at a time, with results cached per
// translation unit so an unchanged file is never analyzed twice.
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_BATCH_H
#define REFCHECK_BATCH_H

#include "refcheck/Driver.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <functional>
#include <string>
#include <vector>

namespace refcheck {

struct BatchOptions {
  /// Files analyzed at once; 0 means one per core.
  unsigned Jobs = 0;
  /// Per-file budgets for a worker; 0 means none.
  unsigned TimeoutSeconds = 300;
  unsigned MemoryLimitMiB = 4096;
  /// Folder of the result cache; empty turns caching off.
  std::string CacheDir;
  /// Path of the refcheck executable to start workers from.
  std::string WorkerExe;
  /// Show a progress line on stderr.
  bool Progress = false;
  /// Print what contract inference did (files inferred, from the cache,
  /// rounds) on stderr.
  bool Stats = false;
  /// Copy what each worker job wrote on stderr (compiler warnings, test
  /// hooks' traces) to this process's stderr.
  bool Verbose = false;
  /// Contract inference gives every function of the project that another
  /// file may call a contract (--list-api, --write-contracts), not only
  /// the ones another file does call.
  bool InferAllContracts = false;
};

/// What happened to one file, for --verbose and the benchmarks.
struct FileStat {
  std::string File;
  bool FromCache = false;
  double Seconds = 0;
  /// User and system time of the worker process; negative when the job
  /// ran in this process.
  double CpuSeconds = -1;
  uint64_t PeakMemoryKiB = 0;
  /// Top-level functions the analysis began, and how many kept the
  /// findings of an earlier run (Results::FunctionsReused).
  unsigned FunctionsBegun = 0, FunctionsReused = 0;
};

/// S's cost as the stats lines show it: "1.23 s, 0.98 s CPU, 180 MiB
/// peak" (no CPU part for a job that ran in this process).
std::string describe(const FileStat &S);

/// Files analyzed in the same parse as their contract inference, by
/// earlyAnalysisKey() of their command: each one's results (a writeJson()
/// document), every file it read, and what the run cost.
struct EarlyAnalysis {
  std::vector<InputFile> Inputs;
  std::string ResultsDoc;
  FileStat Stat;
};
using EarlyAnalyses = llvm::StringMap<EarlyAnalysis>;
std::string earlyAnalysisKey(const FileCommand &Cmd);

/// Analyzes every command and merges the results in a canonical order, so
/// the output does not depend on Jobs. Files whose command asks for clang's
/// -verify mode run in this process (their diagnostics go to stderr); their
/// outcome is reported through VerifyFailed. A file found in Early (made
/// by inferProjectContracts with the same Opts) is not analyzed again.
Results runBatch(const std::vector<FileCommand> &Cmds,
                 const DriverOptions &Opts, const ApiModel &Model,
                 const BatchOptions &BO, bool *VerifyFailed = nullptr,
                 std::vector<FileStat> *Stats = nullptr,
                 const EarlyAnalyses *Early = nullptr);

/// Infers the contracts of the functions of Project (every file of the
/// compile database) that other files may call, bottom-up over the calls
/// between files, to a fixpoint within a few rounds; the files of a round
/// are inferred -j at a time, each in a worker process. Each file's contracts
/// are cached like results (keyed on its compile command, the files it
/// reads and the contracts of what it calls), so a warm run re-infers only
/// edited files. Files that cannot be parsed add an entry to Errors.
///
/// A file of Analyze (the commands runBatch will analyze next) whose
/// inference runs once, against the final contracts of what it calls (it
/// calls no file that calls it back), is analyzed in the same parse, its
/// own contracts just found, into Early: one parse fewer.
std::vector<InferredContract>
inferProjectContracts(const std::vector<FileCommand> &Project,
                      const DriverOptions &Opts, const ApiModel &Model,
                      const BatchOptions &BO,
                      std::vector<FileError> *Errors = nullptr,
                      const std::vector<FileCommand> *Analyze = nullptr,
                      EarlyAnalyses *Early = nullptr);

/// How many worker processes this process started, and how many jobs they
/// ran (a worker runs jobs until it fails or the run ends).
struct WorkerCounts {
  unsigned Started = 0, Jobs = 0;
};
WorkerCounts workerCounts();

/// The worker side: `refcheck --worker JOBFILE` reads the job the parent
/// wrote, analyzes its one file (or scans it, or infers its contracts), and
/// writes the results next to it. `refcheck --worker -` runs the jobs the
/// parent names on stdin, one after the other (WorkerPool.h). Returns the
/// process exit status.
int runWorker(llvm::StringRef JobFile);

/// The default cache folder: $XDG_CACHE_HOME/refcheck, else
/// ~/.cache/refcheck; empty if neither can be determined.
std::string defaultCacheDir();

} // namespace refcheck
#endif
