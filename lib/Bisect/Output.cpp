//===- Output.cpp - What refcheck bisect prints ---------------------------===//
#include "refcheck/Bisect.h"
#include "refcheck/Report.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

using namespace llvm;
using namespace refcheck;
using namespace refcheck::bisect;

namespace {

unsigned skippedSteps(const Result &R) {
  unsigned N = 0;
  for (const Step &S : R.Steps)
    N += S.V == Verdict::Skip;
  return N;
}

/// "the only finding in 'f'" / "one of 3 findings in 'f'".
std::string howMany(const Result &R) {
  if (R.Matches.empty())
    return "";
  const Finding &F = R.Matches.front();
  if (R.InFunction <= 1)
    return "the only finding in '" + F.Function + "'";
  return "one of " + std::to_string(R.InFunction) + " findings in '" +
         F.Function + "'";
}

json::Object commitJson(const CommitInfo &C) {
  return json::Object{{"sha", C.Sha},
                      {"author", C.Author},
                      {"email", C.Email},
                      {"date", C.Date},
                      {"subject", C.Subject}};
}


} // namespace

void bisect::writeText(raw_ostream &OS, const Result &R, const Options &Opts) {
  if (!R.GoodNote.empty())
    OS << "note: " << R.GoodNote << '\n';
  auto Commit = [&](const CommitInfo &C) {
    OS << C.Sha << '\n'
       << "Author: " << C.Author << " <" << C.Email << ">\n"
       << "Date:   " << C.Date << '\n'
       << "    " << C.Subject << "\n\n";
  };
  if (R.Found) {
    OS << "First bad commit: ";
    Commit(R.FirstBad);
  } else if (!R.NotBefore.empty()) {
    OS << "Stopped: " << R.NotBefore << ".\n";
    if (R.SameFindingIn.empty())
      OS << "No function of its parent has a finding like it: the commit may "
            "have added the function with the finding.\n";
    else
      OS << "Functions of its parent with a finding like it (bisect them "
            "with --function): "
         << join(R.SameFindingIn, ", ") << '\n';
    OS << "First commit with the function and the finding: ";
    Commit(R.FirstBad);
  } else {
    OS << "Skipped commits leave " << R.Candidates.size()
       << " candidates; the first bad commit is one of:\n";
    for (const CommitInfo &C : R.Candidates)
      OS << "  " << C.Sha << ' ' << C.Subject << '\n';
    OS << "The earliest of them that could be judged, "
       << R.FirstBad.Sha.substr(0, 12) << ", shows:\n";
  }
  if (!R.Matches.empty()) {
    const Finding &F = R.Matches.front();
    OS << "Finding, as it first appears (" << howMany(R) << "):\n";
    OS << F.File << ':' << F.Line << ':' << F.Column << ": warning: "
       << F.Message << " [refcheck." << F.Check << "] [id " << F.Id << "]\n";
    for (const PathStep &S : F.Path)
      OS << S.File << ':' << S.Line << ':' << S.Column << ": note: "
         << S.Message << '\n';
    if (R.Matches.size() > 1)
      OS << "(" << R.Matches.size() - 1 << " more matching "
         << (R.Matches.size() == 2 ? "finding" : "findings") << ")\n";
    OS << '\n';
  } else if (Opts.Dynamic && !R.Steps.empty()) {
    for (auto I = R.Steps.rbegin(); I != R.Steps.rend(); ++I)
      if (I->Sha == R.FirstBad.Sha) {
        OS << "Verdict there: " << I->Reason << "\n\n";
        break;
      }
  }
  double PerStep = R.Steps.empty() ? 0 : R.TotalSeconds / R.Steps.size();
  size_t Endpoints = 0;
  double Cpu = 0;
  for (const Step &S : R.Steps) {
    Endpoints += S.Kind != "bisect";
    Cpu += S.CpuSeconds;
  }
  OS << formatv("Steps: {0} analyses ({1} of the endpoints, {2} bisecting; "
                "{3} skipped) in {4:F2} s, {5:F2} s per step ({6:F2} s of "
                "analysis CPU time).\n",
                R.Steps.size(), Endpoints, R.Steps.size() - Endpoints,
                skippedSteps(R), R.TotalSeconds, PerStep, Cpu);
  OS << "Range: " << R.RangeSize << " commits after --good "
     << R.GoodSha.substr(0, 12) << "; a linear scan would analyze "
     << R.LinearScanSteps << " (oldest first) or " << R.LinearScanFromBad
     << " (newest first, down to a good one).\n";
}

void bisect::writeJson(raw_ostream &OS, const Result &R, const Options &Opts) {
  json::Array Steps;
  for (const Step &S : R.Steps) {
    json::Object O{{"commit", S.Sha},
                   {"kind", S.Kind},
                   {"verdict", toString(S.V)},
                   {"seconds", S.Seconds},
                   {"cpu_seconds", S.CpuSeconds}};
    if (!S.Reason.empty())
      O["reason"] = S.Reason;
    if (!S.File.empty())
      O["file"] = S.File;
    if (!S.FollowedFrom.empty())
      O["followed_from"] = S.FollowedFrom;
    Steps.push_back(std::move(O));
  }
  json::Object Doc{{"version", 1},
                   {"status", R.Found                ? "found"
                              : R.NotBefore.empty() ? "ambiguous"
                                                    : "stopped"},
                   {"good", R.GoodSha},
                   {"bad", R.BadSha},
                   {"first_bad", commitJson(R.FirstBad)},
                   {"steps", std::move(Steps)},
                   {"step_count", R.Steps.size()},
                   {"skipped", skippedSteps(R)},
                   {"range_size", R.RangeSize},
                   {"linear_scan_steps", R.LinearScanSteps},
                   {"linear_scan_from_bad", R.LinearScanFromBad},
                   {"total_seconds", R.TotalSeconds}};
  if (!R.GoodNote.empty())
    Doc["note"] = R.GoodNote;
  if (!R.NotBefore.empty()) {
    Doc["stopped"] = R.NotBefore;
    Doc["same_finding_in"] = json::Array(R.SameFindingIn);
  } else if (!R.Found) {
    json::Array C;
    for (const CommitInfo &I : R.Candidates)
      C.push_back(commitJson(I));
    Doc["candidates"] = std::move(C);
  }
  if (!R.Matches.empty()) {
    Doc["finding"] = findingJson(R.Matches.front());
    Doc["matching_findings"] = R.Matches.size();
    Doc["findings_in_function"] = R.InFunction;
  }
  if (Opts.Dynamic)
    Doc["mode"] = "dynamic";
  else
    Doc["mode"] = "static";
  OS << formatv("{0:2}", json::Value(std::move(Doc))) << '\n';
}
