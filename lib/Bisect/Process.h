//===- Process.h - Children that stop when refcheck is interrupted -*- C++ -*-===//
//
// Internal to lib/Bisect. Every program refcheck bisect starts (git, the
// analysis, the --dynamic commands) goes through runProgram(), which records
// the child so that SIGINT/SIGTERM/SIGHUP stop it and let the bisection
// unwind and clean up.
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_BISECT_PROCESS_H
#define REFCHECK_BISECT_PROCESS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>

namespace refcheck {
namespace bisect {

struct ProcessStatus {
  /// Exit status; -1 when the program could not be started, -2 when it was
  /// killed by a signal.
  int Code = -1;
  std::string Message; ///< why it could not start, or the signal
  /// CPU time (user + system) the child used, in seconds.
  double CpuSeconds = 0;
};

/// Runs Program with Args (Args[0] is the program name) and waits. Stdin is
/// /dev/null; stdout and stderr go to the given files ("" discards). With
/// OwnSession, the child gets a session (and process group) of its own, and
/// an interrupt stops the whole group: for shell commands that start others.
/// Once interrupted, nothing more is started unless EvenIfInterrupted (the
/// clean-up).
ProcessStatus runProgram(llvm::StringRef Program,
                         llvm::ArrayRef<std::string> Args,
                         std::optional<llvm::StringRef> StdoutFile,
                         std::optional<llvm::StringRef> StderrFile,
                         bool OwnSession = false,
                         bool EvenIfInterrupted = false);

/// An error to return when interruptedBy() is set.
llvm::Error interruptedError();

} // namespace bisect
} // namespace refcheck
#endif
