//===- ReportContext.cpp - Rules and source root for the writers ----------===//
#include "refcheck/Checker.h"
#include "refcheck/Config.h"
#include "refcheck/Review.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace refcheck;
using namespace llvm;

std::string refcheck::absolutePath(StringRef Path) {
  // Symlinks resolved when the file exists, so that paths from git (which
  // reports real paths) and from the command line compare equal.
  SmallString<256> Real;
  if (!sys::fs::real_path(Path, Real))
    return Real.str().str();
  SmallString<256> P(Path);
  sys::fs::make_absolute(P);
  sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return P.str().str();
}

/// Where docs/checks.md is: REFCHECK_DOCS_URL when the build set one; else
/// the installed copy next to the executable (PREFIX/share/doc/refcheck);
/// else the source tree's.
static std::string docsUrl(const char *Argv0) {
  if (StringRef(REFCHECK_DOCS_URL).size())
    return REFCHECK_DOCS_URL;
  std::string Exe = sys::fs::getMainExecutable(Argv0, (void *)&docsUrl);
  SmallString<256> Installed(sys::path::parent_path(Exe));
  sys::path::append(Installed, "..", "share", "doc");
  sys::path::append(Installed, "refcheck", "checks.md");
  sys::path::remove_dots(Installed, true);
  std::string Path = sys::fs::exists(Installed)
                         ? Installed.str().str()
                         : std::string(REFCHECK_SOURCE_DIR "/docs/checks.md");
  return "file://" + pathToUriReference(Path);
}

ReportContext refcheck::makeReportContext(const char *Argv0) {
  ReportContext Ctx;
  std::string Docs = docsUrl(Argv0);
  for (const CheckInfo &C : allChecks())
    Ctx.Rules.push_back({C.Id, C.Summary, C.Description,
                         Docs + "#" + std::string(C.Id)});
  Ctx.Rules.push_back(
      {"unused-suppression",
       "an inline suppression comment suppresses nothing",
       "A `refcheck: ignore[...]` or `refcheck: ignore-function[...]` comment "
       "matched no finding (reported with --report-unused-suppressions). "
       "Remove it, or fix its check name.",
       Docs.substr(0, Docs.rfind('/') + 1) + "integration.md#suppressions"});
  SmallString<256> Cwd;
  if (!sys::fs::current_path(Cwd))
    Ctx.SourceRoot = Cwd.str().str();
  Ctx.ToolVersion = REFCHECK_VERSION;
  return Ctx;
}
