//===- Writers.cpp - Text and JSON writers, and the format switch --------===//
#include "refcheck/Report.h"

#include "llvm/Support/JSON.h"

using namespace refcheck;
using namespace llvm;

void refcheck::writeText(raw_ostream &OS, const Results &R) {
  for (const Finding &F : R.Findings) {
    OS << F.File << ':' << F.Line << ':' << F.Column << ": warning: "
       << F.Message << " [refcheck." << F.Check << "]\n";
    for (const PathStep &S : F.Path)
      OS << S.File << ':' << S.Line << ':' << S.Column << ": note: "
         << S.Message << '\n';
  }
  for (const FileError &E : R.Errors)
    OS << E.File << ": error: " << E.Message << '\n';
  if (!R.Findings.empty())
    OS << R.Findings.size()
       << (R.Findings.size() == 1 ? " finding" : " findings") << ".\n";
}

void refcheck::writeJson(raw_ostream &OS, const Results &R) {
  json::Array Findings;
  for (const Finding &F : R.Findings) {
    json::Array Path;
    for (const PathStep &S : F.Path)
      Path.push_back(json::Object{{"file", S.File},
                                  {"line", S.Line},
                                  {"column", S.Column},
                                  {"message", S.Message}});
    Findings.push_back(json::Object{{"id", F.Id},
                                    {"check", F.Check},
                                    {"message", F.Message},
                                    {"file", F.File},
                                    {"line", F.Line},
                                    {"column", F.Column},
                                    {"function", F.Function},
                                    {"origin", F.Origin},
                                    {"path", std::move(Path)}});
  }
  json::Array Errors;
  for (const FileError &E : R.Errors)
    Errors.push_back(json::Object{{"file", E.File}, {"message", E.Message}});
  json::Object Doc{{"version", 1},
                   {"files_analyzed", R.FilesAnalyzed},
                   {"findings", std::move(Findings)},
                   {"errors", std::move(Errors)}};
  OS << formatv("{0:2}", json::Value(std::move(Doc))) << '\n';
}

void refcheck::writeResults(raw_ostream &OS, const Results &R,
                            OutputFormat F, const ReportContext &Ctx) {
  switch (F) {
  case OutputFormat::Text: return writeText(OS, R);
  case OutputFormat::Json: return writeJson(OS, R);
  case OutputFormat::Sarif: return writeSarif(OS, R, Ctx);
  case OutputFormat::Github: return writeGithub(OS, R);
  case OutputFormat::Html: return writeHtml(OS, R, Ctx);
  }
}
