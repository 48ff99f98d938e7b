//===- PrefixPCHs.cpp - The run's shared precompiled headers --------------===//
#include "PrefixPCHs.h"
#include "refcheck/Driver.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <memory>
#include <mutex>

using namespace llvm;
using namespace refcheck;

namespace {
class PrefixPCHs {
  struct Shared {
    std::string Prefix;
    /// A command of the first file that asked: the PCH is built with it.
    FileCommand Cmd;
    unsigned Asked = 0;
    std::once_flag Once;
    std::string Path; ///< empty until built, or if it cannot be
  };
  std::mutex M;
  /// By file (absolute path and flags): its key, empty if its first lines
  /// are not a prefix.
  StringMap<std::string> KeyOf;
  StringMap<std::unique_ptr<Shared>> ByKey;
  SmallString<128> Dir;
  bool DirFailed = false;

  /// Under M.
  std::string keyOf(const FileCommand &Cmd) {
    if (!Cmd.VirtualFiles.empty())
      return "";
    // The file the parse reads: named as the user named it, from the
    // current folder (toolCommand()).
    SmallString<256> Abs(Cmd.File);
    sys::fs::make_absolute(Abs);
    sys::path::remove_dots(Abs, true);
    StringRef Ext = sys::path::extension(Abs);
    if (Ext != ".c" && Ext != ".cc" && Ext != ".cpp" && Ext != ".cxx")
      return "";
    // Flags that put something before the file's first line, or say what
    // language it is, would make the PCH a different thing.
    for (const std::string &A : Cmd.Args)
      if (StringRef(A).starts_with("-include") || A == "-imacros" ||
          StringRef(A).starts_with("-x") ||
          StringRef(A).starts_with("-fmodule") ||
          StringRef(A).starts_with("-fcxx-modules"))
        return "";
    std::string Id = Abs.str().str();
    for (const std::string &A : Cmd.Args)
      Id += "\n" + A;
    auto [It, New] = KeyOf.try_emplace(Id);
    if (!New)
      return It->second;
    auto Buf = MemoryBuffer::getFile(Abs);
    if (!Buf)
      return "";
    std::string Prefix = leadingIncludePrefix((*Buf)->getBuffer()).Text;
    if (Prefix.empty())
      return "";
    BLAKE3 H;
    for (StringRef Part :
         {StringRef(Cmd.Directory), sys::path::parent_path(Abs), Ext})
      H.update(Part), H.update("\n");
    for (const std::string &A : Cmd.Args)
      H.update(A), H.update("\n");
    H.update(Prefix);
    std::string Key = toHex(H.final<16>(), /*LowerCase=*/true);
    auto &S = ByKey[Key];
    if (!S) {
      S = std::make_unique<Shared>();
      S->Prefix = std::move(Prefix);
      S->Cmd = Cmd;
    }
    It->second = Key;
    return Key;
  }

  void build(Shared &S, StringRef Key, bool Stats) {
    {
      std::lock_guard<std::mutex> L(M);
      if (Dir.empty() && !DirFailed)
        DirFailed = bool(sys::fs::createUniqueDirectory("refcheck-pch", Dir));
      if (DirFailed)
        return;
    }
    SmallString<256> PCH(Dir);
    sys::path::append(PCH, "prefix-" + Key + ".pch");
    // An interrupted run leaves none of them behind.
    for (const std::string &F :
         {prefixPCHHeader(PCH), PCH.str().str(), (PCH + ".inputs").str()})
      sys::RemoveFileOnSignal(F);
    auto Start = std::chrono::steady_clock::now();
    Error E = buildPrefixPCH(S.Cmd, S.Prefix, PCH);
    double Took =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
            .count();
    if (E) {
      if (Stats)
        errs() << formatv("refcheck: stats: no shared headers for {0}: {1}\n",
                          S.Cmd.File, toString(std::move(E)))
                      .str();
      else
        consumeError(std::move(E));
      return;
    }
    if (Stats)
      errs() << formatv("refcheck: stats: shared headers of {0}: {1:F2} s\n",
                        S.Cmd.File, Took)
                    .str();
    S.Path = PCH.str().str();
  }

public:
  ~PrefixPCHs() {
    if (!Dir.empty())
      sys::fs::remove_directories(Dir);
  }

  std::string pchFor(const FileCommand &Cmd, bool Stats) {
    Shared *S;
    std::string Key;
    {
      std::lock_guard<std::mutex> L(M);
      Key = keyOf(Cmd);
      if (Key.empty())
        return "";
      S = ByKey[Key].get();
      if (++S->Asked < 2)
        return "";
    }
    std::call_once(S->Once, [&] { build(*S, Key, Stats); });
    return S->Path;
  }
};

PrefixPCHs &thePCHs() {
  static PrefixPCHs P;
  return P;
}
} // namespace

FileCommand refcheck::withPrefixPCH(const FileCommand &Cmd, bool Stats) {
  FileCommand C = Cmd;
  C.PrefixPCH = thePCHs().pchFor(Cmd, Stats);
  return C;
}
