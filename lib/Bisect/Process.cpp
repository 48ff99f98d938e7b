//===- Process.cpp - Children that stop when refcheck is interrupted ------===//
#include "Process.h"
#include "refcheck/Bisect.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Program.h"

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

using namespace llvm;
using namespace refcheck;
using namespace refcheck::bisect;

namespace {
volatile sig_atomic_t Interrupted = 0;
/// The running child, 0 when none; negative: a process group.
volatile sig_atomic_t Child = 0;

extern "C" void onInterrupt(int Sig) {
  Interrupted = Sig;
  // kill() is async-signal-safe; the main line notices the child's end,
  // sees Interrupted and unwinds through the clean-up code.
  pid_t P = Child;
  if (P != 0)
    kill(P, SIGTERM);
}
} // namespace

void bisect::installInterruptHandlers() {
  struct sigaction SA;
  SA.sa_handler = onInterrupt;
  sigemptyset(&SA.sa_mask);
  SA.sa_flags = 0;
  for (int Sig : {SIGINT, SIGTERM, SIGHUP})
    sigaction(Sig, &SA, nullptr);
}

int bisect::interruptedBy() { return Interrupted; }

Error bisect::interruptedError() {
  return createStringError(inconvertibleErrorCode(), "interrupted by %s",
                           Interrupted == SIGINT    ? "SIGINT"
                           : Interrupted == SIGTERM ? "SIGTERM"
                                                    : "a signal");
}

ProcessStatus bisect::runProgram(StringRef Program, ArrayRef<std::string> Args,
                                 std::optional<StringRef> StdoutFile,
                                 std::optional<StringRef> StderrFile,
                                 bool OwnSession, bool EvenIfInterrupted) {
  ProcessStatus S;
  if (Interrupted && !EvenIfInterrupted) {
    S.Message = "interrupted";
    return S;
  }
  // LLVM opens redirect targets without O_TRUNC: start from empty files.
  for (const std::optional<StringRef> &F : {StdoutFile, StderrFile})
    if (F && !F->empty())
      sys::fs::remove(*F);
  std::vector<StringRef> Argv(Args.begin(), Args.end());
  std::optional<StringRef> Redirects[] = {StringRef(""), StdoutFile,
                                          StderrFile};
  std::string Err;
  bool Failed = false;
  sys::ProcessInfo PI =
      sys::ExecuteNoWait(Program, Argv, std::nullopt, Redirects, 0, &Err,
                         &Failed, nullptr, /*DetachProcess=*/OwnSession);
  if (Failed || PI.Pid == sys::ProcessInfo::InvalidPid) {
    S.Message = Err.empty() ? "cannot run '" + Program.str() + "'" : Err;
    return S;
  }
  // A detached child called setsid(): its pid is its process group.
  Child = OwnSession ? -PI.Pid : PI.Pid;
  if (Interrupted && !EvenIfInterrupted) // it came during the start
    kill(Child, SIGTERM);
  std::optional<sys::ProcessStatistics> Stats;
  sys::ProcessInfo Done = sys::Wait(PI, std::nullopt, &Err, &Stats);
  if (Stats)
    S.CpuSeconds = Stats->TotalTime.count() / 1e6;
  Child = 0;
  if (OwnSession && Interrupted) {
    // The shell is gone; give what it started (make, a test run) a moment
    // to end before the worktree they may write to is removed.
    for (int I = 0; I < 100 && kill(-PI.Pid, 0) == 0; ++I)
      usleep(20000);
    kill(-PI.Pid, SIGKILL);
  }
  S.Code = Done.ReturnCode;
  if (S.Code < 0)
    S.Message = Err.empty() ? "killed by a signal" : Err;
  return S;
}
