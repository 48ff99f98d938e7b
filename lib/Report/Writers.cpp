//===- Writers.cpp - Text and JSON writers, and the format switch --------===//
#include "refcheck/Report.h"

#include "llvm/Support/JSON.h"

using namespace refcheck;
using namespace llvm;

/// `12, 3` style list of deltas, as CPython's regrtest prints them.
static std::string deltaList(const std::vector<long long> &D) {
  std::string S = "[";
  for (size_t I = 0; I < D.size(); ++I) {
    if (I)
      S += ", ";
    S += std::to_string(D[I]);
  }
  return S + "]";
}

std::string refcheck::leakLine(StringRef Test, StringRef What,
                               const std::vector<long long> &Deltas) {
  long long Sum = 0;
  for (long long D : Deltas)
    Sum += D;
  return (Test + " leaked " + deltaList(Deltas) + " " + What +
          ", sum=" + std::to_string(Sum))
      .str();
}

std::vector<std::string> refcheck::confirmationLines(const Finding &F) {
  std::vector<std::string> Out;
  if (!F.Confirm)
    return Out;
  const Confirmation &C = *F.Confirm;
  std::string S = "confirmation: " + C.Status;
  if (!C.Reason.empty())
    S += " (" + C.Reason + ")";
  Out.push_back(S);
  if (!F.EntryPoints.empty()) {
    S = "reached from Python as ";
    for (size_t I = 0; I < F.EntryPoints.size(); ++I)
      S += (I ? ", " : "") + F.EntryPoints[I];
    Out.push_back(S);
  }
  if (!C.Reaching.empty()) {
    S = "reached by " + std::to_string(C.Reaching.size()) +
        (C.Reaching.size() == 1 ? " test: " : " tests: ");
    for (size_t I = 0; I < C.Reaching.size() && I < 5; ++I)
      S += (I ? ", " : "") + C.Reaching[I].Test + " (" + C.Reaching[I].Via +
           ")";
    if (C.Reaching.size() > 5)
      S += ", ...";
    Out.push_back(S);
  }
  if (!C.WouldReach.empty())
    Out.push_back("a test would reach it with: " + C.WouldReach);
  for (const TestRun &T : C.Tests) {
    S = "test " + T.Test + ": " + T.Outcome;
    if (T.Outcome == "measured" || T.Outcome == "failed") {
      S += T.Leaked.empty() ? ", no leak" : ", leaks ";
      for (size_t I = 0; I < T.Leaked.size(); ++I)
        S += (I ? ", " : "") + T.Leaked[I];
    }
    if (!T.Detail.empty())
      S += " (" + T.Detail + ")";
    Out.push_back(S);
    auto Line = [&](StringRef What, const std::vector<long long> &D) {
      if (!D.empty())
        Out.push_back("  " + leakLine(T.Test, What, D));
    };
    Line("references", T.Refs);
    Line("memory blocks", T.Blocks);
    Line("file descriptors", T.Fds);
  }
  return Out;
}

json::Object refcheck::confirmationJson(const Confirmation &Conf) {
  json::Array Tests;
  for (const TestRun &T : Conf.Tests) {
    json::Object O{{"id", T.Test},
                   {"outcome", T.Outcome},
                   {"references", T.Refs},
                   {"blocks", T.Blocks},
                   {"fds", T.Fds},
                   {"leaked", T.Leaked},
                   {"seconds", T.Seconds}};
    if (!T.Detail.empty())
      O["detail"] = T.Detail;
    if (T.Control)
      O["control"] = true;
    Tests.push_back(std::move(O));
  }
  json::Object C{{"status", Conf.Status}, {"tests", std::move(Tests)}};
  if (!Conf.Reason.empty())
    C["reason"] = Conf.Reason;
  if (!Conf.Reaching.empty()) {
    json::Array Reaching;
    for (const ReachingTest &R : Conf.Reaching) {
      json::Object O{{"id", R.Test}, {"via", R.Via}};
      if (R.Seconds >= 0)
        O["seconds"] = R.Seconds;
      Reaching.push_back(std::move(O));
    }
    C["reaching"] = std::move(Reaching);
  }
  if (!Conf.WouldReach.empty())
    C["would_reach"] = Conf.WouldReach;
  return C;
}

void refcheck::writeConfirmationText(raw_ostream &OS, const Finding &F) {
  std::string Where = F.File + ":" + std::to_string(F.Line) + ":" +
                      std::to_string(F.Column) + ": note: ";
  for (const std::string &L : confirmationLines(F))
    OS << Where << L << '\n';
}

std::string refcheck::impactSuffix(const Finding &F) {
  if (F.Impact == ImpactClass::EveryCall)
    return "";
  std::string S = " [";
  S += toString(F.Impact);
  if (!F.ImpactReason.empty())
    S += ": " + F.ImpactReason;
  return S + "]";
}

void refcheck::writeText(raw_ostream &OS, const Results &R) {
  for (const Finding &F : R.Findings) {
    OS << F.File << ':' << F.Line << ':' << F.Column << ": warning: "
       << F.Message << " [refcheck." << F.Check << "]" << impactSuffix(F)
       << '\n';
    for (const PathStep &S : F.Path)
      OS << S.File << ':' << S.Line << ':' << S.Column << ": note: "
         << S.Message << '\n';
    if (F.Confirm)
      writeConfirmationText(OS, F);
  }
  for (const FileError &E : R.Errors)
    OS << E.File << ": error: " << E.Message << '\n';
  if (!R.Findings.empty())
    OS << R.Findings.size()
       << (R.Findings.size() == 1 ? " finding" : " findings") << ".\n";
}

json::Object refcheck::findingJson(const Finding &F) {
  json::Array Path;
  for (const PathStep &S : F.Path)
    Path.push_back(json::Object{{"file", S.File},
                                {"line", S.Line},
                                {"column", S.Column},
                                {"message", S.Message}});
  json::Object O{{"id", F.Id},
                 {"check", F.Check},
                 {"message", F.Message},
                 {"file", F.File},
                 {"line", F.Line},
                 {"column", F.Column},
                 {"function", F.Function},
                 {"origin", F.Origin},
                 {"path", std::move(Path)},
                 {"impact", toString(F.Impact)},
                 {"impact_call", F.ImpactCall},
                 {"impact_reason", F.ImpactReason},
                 {"entry_points", F.EntryPoints}};
  if (F.Confirm)
    O.try_emplace("confirmation", confirmationJson(*F.Confirm));
  return O;
}

void refcheck::writeJson(raw_ostream &OS, const Results &R) {
  json::Array Findings;
  for (const Finding &F : R.Findings)
    Findings.push_back(findingJson(F));
  json::Array Errors;
  for (const FileError &E : R.Errors)
    Errors.push_back(json::Object{{"file", E.File}, {"message", E.Message}});
  json::Object Doc{{"version", 1},
                   {"files_analyzed", R.FilesAnalyzed},
                   {"functions_analyzed", R.FunctionsBegun},
                   {"functions_reused", R.FunctionsReused},
                   {"findings", std::move(Findings)},
                   {"errors", std::move(Errors)}};
  if (!R.Root.empty())
    Doc["root"] = R.Root;
  OS << formatv("{0:2}", json::Value(std::move(Doc))) << '\n';
}

void refcheck::writeResults(raw_ostream &OS, const Results &R,
                            OutputFormat F, const ReportContext &Given) {
  // Relative paths are relative to the project root: SARIF's %SRCROOT%, and
  // where the HTML page reads sources from.
  ReportContext Ctx = Given;
  if (!R.Root.empty())
    Ctx.SourceRoot = R.Root;
  switch (F) {
  case OutputFormat::Text: return writeText(OS, R);
  case OutputFormat::Json: return writeJson(OS, R);
  case OutputFormat::Sarif: return writeSarif(OS, R, Ctx);
  case OutputFormat::Github: return writeGithub(OS, R);
  case OutputFormat::Html: return writeHtml(OS, R, Ctx);
  }
}
