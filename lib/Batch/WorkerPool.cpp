//===- WorkerPool.cpp - Worker processes that run many jobs ---------------===//

#include "WorkerPool.h"
#include "refcheck/Batch.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <optional>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char **environ;

using namespace llvm;
using namespace refcheck;

namespace {
/// A worker process and the parent's end of its socket.
struct Worker {
  pid_t Pid = -1;
  int Chan = -1;
  std::string Exe;
  unsigned MemoryLimitMiB = 0;
};

/// The idle workers, for the next job. At exit their sockets close, and
/// they end when they read that.
class Pool {
  std::mutex M;
  std::vector<Worker> Idle;

public:
  std::atomic<unsigned> Started{0}, Jobs{0};

  std::optional<Worker> take(StringRef Exe, unsigned MemoryLimitMiB) {
    std::lock_guard<std::mutex> L(M);
    for (size_t I = 0; I < Idle.size(); ++I)
      if (Idle[I].Exe == Exe && Idle[I].MemoryLimitMiB == MemoryLimitMiB) {
        Worker W = Idle[I];
        Idle.erase(Idle.begin() + I);
        return W;
      }
    return std::nullopt;
  }
  void give(Worker W) {
    std::lock_guard<std::mutex> L(M);
    Idle.push_back(std::move(W));
  }
  ~Pool() {
    for (const Worker &W : Idle)
      ::close(W.Chan);
    for (const Worker &W : Idle)
      ::waitpid(W.Pid, nullptr, 0);
  }
};

Pool &pool() {
  static Pool P;
  return P;
}
} // namespace

WorkerCounts refcheck::workerCounts() {
  return {pool().Started.load(), pool().Jobs.load()};
}

/// Starts `Exe --worker -` on one end of a socket pair, under the memory
/// limit (RLIMIT_DATA, as sys::ExecuteNoWait would set it).
static std::optional<Worker> spawnWorker(StringRef Exe,
                                         unsigned MemoryLimitMiB,
                                         std::string &ErrMsg) {
  int SV[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, SV) != 0) {
    ErrMsg = std::string("cannot make a socket: ") + std::strerror(errno);
    return std::nullopt;
  }
  posix_spawn_file_actions_t FA;
  posix_spawn_file_actions_init(&FA);
  posix_spawn_file_actions_adddup2(&FA, SV[1], 0);
  posix_spawn_file_actions_addopen(&FA, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&FA, 2, "/dev/null", O_WRONLY, 0);
  std::string Path = Exe.str();
  std::string Flag = "--worker", Serve = "-";
  char *Argv[] = {Path.data(), Flag.data(), Serve.data(), nullptr};
  pid_t Pid = -1;
  int RC = ::posix_spawn(&Pid, Path.c_str(), &FA, nullptr, Argv, environ);
  posix_spawn_file_actions_destroy(&FA);
  ::close(SV[1]);
  if (RC != 0) {
    ::close(SV[0]);
    ErrMsg = std::string(std::strerror(RC));
    return std::nullopt;
  }
  if (MemoryLimitMiB) {
    struct rlimit R;
    if (::prlimit(Pid, RLIMIT_DATA, nullptr, &R) == 0) {
      rlim_t Want = rlim_t(MemoryLimitMiB) * 1024 * 1024;
      R.rlim_cur = R.rlim_max == RLIM_INFINITY ? Want
                                                : std::min(Want, R.rlim_max);
      ::prlimit(Pid, RLIMIT_DATA, &R, nullptr);
    }
  }
  ++pool().Started;
  return Worker{Pid, SV[0], Exe.str(), MemoryLimitMiB};
}

static bool sendAll(int Fd, StringRef Text) {
  while (!Text.empty()) {
    ssize_t N = ::send(Fd, Text.data(), Text.size(), MSG_NOSIGNAL);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Text = Text.drop_front(N);
  }
  return true;
}

/// Reads from Fd into Buf until it holds a whole line; false at the end of
/// the stream (or an error) before one.
static bool readLine(int Fd, std::string &Buf, std::string &Line) {
  for (;;) {
    size_t NL = Buf.find('\n');
    if (NL != std::string::npos) {
      Line = Buf.substr(0, NL);
      Buf.erase(0, NL + 1);
      return true;
    }
    char Tmp[4096];
    ssize_t N = ::read(Fd, Tmp, sizeof(Tmp));
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Buf.append(Tmp, N);
  }
}

/// Ends W (it is idle, dead or killed): closes its socket and reaps it.
/// Returns its exit status as sys::Wait does (-2 for a signal, ErrMsg
/// naming it).
static int retire(const Worker &W, std::string *ErrMsg,
                  std::optional<sys::ProcessStatistics> *PS) {
  ::close(W.Chan);
  sys::ProcessInfo PI;
  PI.Pid = PI.Process = W.Pid;
  return sys::Wait(PI, std::nullopt, ErrMsg, PS).ReturnCode;
}

JobOutcome refcheck::runInWorker(StringRef WorkerExe, StringRef JobFile,
                                 unsigned TimeoutSeconds,
                                 unsigned MemoryLimitMiB) {
  JobOutcome Out;
  std::string Request =
      formatv("{0}\t{1}\n", JobFile, TimeoutSeconds).str();
  std::optional<Worker> W;
  // An idle worker may have died meanwhile (its socket is closed then): the
  // job goes to a new one.
  for (bool Fresh : {false, true}) {
    W = Fresh ? spawnWorker(WorkerExe, MemoryLimitMiB, Out.ErrMsg)
              : pool().take(WorkerExe, MemoryLimitMiB);
    if (!W) {
      if (!Fresh)
        continue;
      Out.ExecFailed = true;
      return Out;
    }
    if (sendAll(W->Chan, Request))
      break;
    retire(*W, nullptr, nullptr);
    W.reset();
  }
  if (!W) {
    Out.ExecFailed = true;
    Out.ErrMsg = "the worker did not take the job";
    return Out;
  }
  ++pool().Jobs;

  // The deadline: a watcher kills the worker then. The worker is reaped
  // only after the watcher is gone, so its pid cannot be reused under it.
  std::mutex Mu;
  std::condition_variable Answered;
  bool Done = false, Killed = false;
  std::thread Watcher;
  if (TimeoutSeconds) {
    auto Deadline = std::chrono::steady_clock::now() +
                    std::chrono::seconds(TimeoutSeconds);
    Watcher = std::thread([&, Deadline] {
      std::unique_lock<std::mutex> Lock(Mu);
      if (!Answered.wait_until(Lock, Deadline, [&] { return Done; })) {
        ::kill(W->Pid, SIGKILL);
        Killed = true;
      }
    });
  }
  std::string Buf, Reply;
  bool Got = readLine(W->Chan, Buf, Reply);
  {
    std::lock_guard<std::mutex> Lock(Mu);
    Done = true;
  }
  Answered.notify_all();
  if (Watcher.joinable())
    Watcher.join();

  // "STATUS CPU-SECONDS PEAK-KIB"
  SmallVector<StringRef, 3> Parts;
  StringRef(Reply).split(Parts, ' ');
  if (Got && Parts.size() == 3 && !Parts[0].getAsInteger(10, Out.ReturnCode) &&
      !Parts[2].getAsInteger(10, Out.PeakMemoryKiB)) {
    Out.CpuSeconds = std::strtod(Parts[1].str().c_str(), nullptr);
    // A worker that grew to a quarter of its budget may keep that heap (the
    // memory limit counts it), which the next job could not get back: it
    // is not reused.
    bool Large = MemoryLimitMiB &&
                 Out.PeakMemoryKiB > uint64_t(MemoryLimitMiB) * 1024 / 4;
    if (Killed || Large)
      retire(*W, nullptr, nullptr);
    else
      pool().give(std::move(*W));
    return Out;
  }
  std::optional<sys::ProcessStatistics> PS;
  Out.ReturnCode = retire(*W, &Out.ErrMsg, &PS);
  if (PS) {
    Out.CpuSeconds = std::chrono::duration<double>(PS->TotalTime).count();
    Out.PeakMemoryKiB = PS->PeakMemory;
  }
  if (Killed) {
    Out.ErrMsg = "timed out";
    Out.ReturnCode = -2;
  } else if (Out.ReturnCode == 0) {
    Out.ReturnCode = -2;
    Out.ErrMsg = "the worker ended without an answer";
  }
  return Out;
}

/// The peak resident memory since the last resetPeak(), in KiB.
static uint64_t peakKiB() {
  if (auto Buf = MemoryBuffer::getFileAsStream("/proc/self/status"))
    for (StringRef Line : split((*Buf)->getBuffer(), '\n'))
      if (Line.consume_front("VmHWM:")) {
        uint64_t KiB = 0;
        if (!Line.trim().split(' ').first.getAsInteger(10, KiB))
          return KiB;
      }
  struct rusage U;
  ::getrusage(RUSAGE_SELF, &U);
  return U.ru_maxrss;
}

/// Starts peakKiB() over (Linux's "5" to clear_refs); where that is not
/// possible, the peak is the process's.
static void resetPeak() {
  int Fd = ::open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
  if (Fd < 0)
    return;
  (void)!::write(Fd, "5", 1);
  ::close(Fd);
}

static double cpuSeconds() {
  struct rusage U;
  ::getrusage(RUSAGE_SELF, &U);
  auto S = [](const timeval &T) { return T.tv_sec + T.tv_usec / 1e6; };
  return S(U.ru_utime) + S(U.ru_stime);
}

int refcheck::serveJobs(function_ref<int(StringRef)> RunJob) {
  std::string Buf, Request;
  while (readLine(0, Buf, Request)) {
    auto [Job, Seconds] = StringRef(Request).split('\t');
    // Each job's messages (a crash's stack trace too) go to its own file.
    std::string Err = (Job + ".err").str();
    int Fd = ::open(Err.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                    0644);
    if (Fd >= 0) {
      ::dup2(Fd, 2);
      ::close(Fd);
    }
    // The parent kills a job at its deadline; this one ends it too should
    // the parent be gone.
    unsigned Budget = 0;
    if (!Seconds.getAsInteger(10, Budget) && Budget)
      ::alarm(Budget + 30);
    resetPeak();
    double Before = cpuSeconds();
    int RC = RunJob(Job);
    ::alarm(0);
    errs().flush();
    std::string Reply =
        formatv("{0} {1:F3} {2}\n", RC, cpuSeconds() - Before, peakKiB())
            .str();
    if (!sendAll(0, Reply))
      return 2;
  }
  return 0;
}
