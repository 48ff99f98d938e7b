//===- GithubWriter.cpp - GitHub Actions workflow commands ----------------===//
//
// `::warning file=F,line=L,col=C,title=T::MESSAGE`: GitHub turns each line
// into an annotation on the pull request. The command follows the finding's
// impact: `::error` for every-call, `::warning` for error-path, `::notice`
// for allocation-failure. Data is escaped as the runner
// expects ('%', CR, LF), properties also ':' and ','.
//
//===----------------------------------------------------------------------===//
#include "refcheck/Report.h"

using namespace refcheck;
using namespace llvm;

static std::string escape(StringRef S, bool Property) {
  std::string Out;
  for (char C : S) {
    switch (C) {
    case '%': Out += "%25"; break;
    case '\r': Out += "%0D"; break;
    case '\n': Out += "%0A"; break;
    case ':':
      Out += Property ? "%3A" : ":";
      break;
    case ',':
      Out += Property ? "%2C" : ",";
      break;
    default: Out += C;
    }
  }
  return Out;
}

std::string refcheck::escapeGithubData(StringRef S) { return escape(S, false); }
std::string refcheck::escapeGithubProperty(StringRef S) {
  return escape(S, true);
}

void refcheck::writeGithub(raw_ostream &OS, const Results &R) {
  for (const Finding &F : R.Findings) {
    // The path notes go into the annotation's body, one per line.
    std::string Msg = F.Message;
    if (!F.ImpactReason.empty())
      Msg += " (" + std::string(toString(F.Impact)) + ": " + F.ImpactReason +
             ")";
    for (const PathStep &S : F.Path)
      Msg += "\n" + S.File + ":" + std::to_string(S.Line) + ":" +
             std::to_string(S.Column) + ": " + S.Message;
    for (const std::string &L : confirmationLines(F))
      Msg += "\n" + L;
    // every-call findings fail the check run's eye first; those that need
    // an allocation to fail are notices.
    const char *Command = F.Impact == ImpactClass::EveryCall   ? "error"
                          : F.Impact == ImpactClass::ErrorPath ? "warning"
                                                               : "notice";
    OS << "::" << Command << " file=" << escapeGithubProperty(F.File)
       << ",line=" << F.Line << ",col=" << F.Column
       << ",title=" << escapeGithubProperty("refcheck " + F.Check)
       << "::" << escapeGithubData(Msg) << '\n';
  }
  for (const FileError &E : R.Errors)
    OS << "::error file=" << escapeGithubProperty(E.File)
       << ",title=" << escapeGithubProperty("refcheck: cannot analyze")
       << "::" << escapeGithubData(E.Message) << '\n';
  // GitHub shows at most 10 annotations of a kind per step: say how many
  // there are, so none goes unnoticed.
  size_t N = R.Findings.size();
  OS << "refcheck: " << N << (N == 1 ? " finding" : " findings") << " in "
     << R.FilesAnalyzed << (R.FilesAnalyzed == 1 ? " file" : " files");
  if (!R.Errors.empty())
    OS << ", " << R.Errors.size()
       << (R.Errors.size() == 1 ? " file" : " files") << " not analyzed";
  if (N > 10)
    OS << " (GitHub shows only 10 annotations of each level per step; all "
          "are listed above, or use --format=sarif with code scanning)";
  OS << ".\n";
}
