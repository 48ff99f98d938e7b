//===- WorkerPool.h - Worker processes that run many jobs -------*- C++ -*-===//
//
// A file's analysis, scan or inference runs in a worker process, so that a
// crash, a hang or a blow-up in memory costs that file only. Starting a
// worker costs about as much CPU as scanning a small file (the dynamic
// linker relocates libclang-cpp and libLLVM, and their static constructors
// run), so a worker is kept and given the next job: `refcheck --worker -`
// reads job files from a socket on its stdin, one per line, and answers
// each with a line of its own. A worker that crashes, runs out of time or
// grew large is not reused.
//
//===----------------------------------------------------------------------===//

#ifndef REFCHECK_LIB_BATCH_WORKERPOOL_H
#define REFCHECK_LIB_BATCH_WORKERPOOL_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <string>

namespace refcheck {

/// How one job in a worker ended.
struct JobOutcome {
  /// The job's exit status (runWorker's), -1 when no worker could be
  /// started, -2 when the worker died (a signal, or killed at the deadline).
  int ReturnCode = -1;
  /// Why the worker died or could not start ("timed out" at the deadline).
  std::string ErrMsg;
  bool ExecFailed = false;
  /// The job's own CPU time and peak resident memory.
  double CpuSeconds = 0;
  uint64_t PeakMemoryKiB = 0;
};

/// Runs the job in JobFile in a worker process of WorkerExe (an idle one,
/// or a new one), within TimeoutSeconds (0: no limit) and MemoryLimitMiB
/// (0: no limit). The job's stderr goes to JobFile.err. Safe to call from
/// many threads; each call has a worker to itself.
JobOutcome runInWorker(llvm::StringRef WorkerExe, llvm::StringRef JobFile,
                       unsigned TimeoutSeconds, unsigned MemoryLimitMiB);

/// The worker's side: runs each job named on stdin with RunJob, until
/// stdin closes.
int serveJobs(llvm::function_ref<int(llvm::StringRef)> RunJob);

} // namespace refcheck

#endif
