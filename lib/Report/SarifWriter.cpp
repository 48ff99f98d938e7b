//===- SarifWriter.cpp - SARIF 2.1.0 ---------------------------------------===//
//
// One run: tool.driver with a rule per check, one result per finding with its
// location relative to %SRCROOT%, its path as a code flow, its stable id
// as a partial fingerprint, and its impact as level and rank. Files that could not be analyzed become error
// notifications of the invocation.
//
//===----------------------------------------------------------------------===//
#include "refcheck/Report.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

using namespace refcheck;
using namespace llvm;

std::string refcheck::pathToUriReference(StringRef Path) {
  std::string Out;
  for (char C : Path) {
    if (isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~' ||
        C == '/') {
      Out += C;
    } else {
      Out += '%';
      Out += hexdigit((unsigned char)C >> 4, /*LowerCase=*/false);
      Out += hexdigit((unsigned char)C & 15, /*LowerCase=*/false);
    }
  }
  return Out;
}

namespace {
struct SarifBuilder {
  const ReportContext &Ctx;
  std::string Root; // absolute, native separators, no trailing slash

  explicit SarifBuilder(const ReportContext &Ctx) : Ctx(Ctx) {
    SmallString<256> R(Ctx.SourceRoot);
    sys::path::remove_dots(R, /*remove_dot_dot=*/true);
    Root = R.str().rtrim('/').str();
  }

  json::Object artifactLocation(StringRef File) const {
    SmallString<256> P(File);
    if (sys::path::is_absolute(P) && !Root.empty()) {
      sys::path::remove_dots(P, true);
      StringRef Rel = P;
      if (Rel.consume_front(Root) && Rel.consume_front("/"))
        return json::Object{{"uri", pathToUriReference(Rel)},
                            {"uriBaseId", "%SRCROOT%"}};
    }
    if (sys::path::is_absolute(P))
      return json::Object{{"uri", "file://" + pathToUriReference(P)}};
    sys::path::remove_dots(P, false);
    return json::Object{{"uri", pathToUriReference(P)},
                        {"uriBaseId", "%SRCROOT%"}};
  }

  json::Object physicalLocation(StringRef File, unsigned Line,
                                unsigned Col) const {
    json::Object Region;
    if (Line)
      Region["startLine"] = Line;
    if (Line && Col)
      Region["startColumn"] = Col;
    json::Object PL{{"artifactLocation", artifactLocation(File)}};
    if (Line)
      PL["region"] = std::move(Region);
    return PL;
  }

  json::Object location(StringRef File, unsigned Line, unsigned Col,
                        StringRef Message = "") const {
    json::Object L{{"physicalLocation", physicalLocation(File, Line, Col)}};
    if (!Message.empty())
      L["message"] = json::Object{{"text", Message}};
    return L;
  }

  json::Object rule(const RuleInfo &R) const {
    // A rule's name is the PascalCase of its id: ref-leak -> RefLeak.
    std::string Name;
    for (StringRef Part : split(R.Id, '-'))
      if (!Part.empty())
        Name += toUpper(Part.front()) + Part.drop_front().str();
    json::Object O{
        {"id", R.Id},
        {"name", Name},
        {"shortDescription", json::Object{{"text", R.Summary}}},
        {"fullDescription",
         json::Object{{"text", R.Description.empty() ? R.Summary
                                                     : R.Description}}},
        {"help", json::Object{{"text", R.Description.empty()
                                           ? R.Summary
                                           : R.Description}}},
        {"defaultConfiguration", json::Object{{"level", "warning"}}},
        {"properties",
         json::Object{{"tags", json::Array{"reliability", "cpython"}},
                      {"problem.severity", "warning"}}}};
    if (!R.HelpUri.empty())
      O["helpUri"] = R.HelpUri;
    return O;
  }

  json::Object result(const Finding &F,
                      const std::vector<RuleInfo> &Rules) const {
    // Urgency follows the impact: a bug on every call is an error, one
    // that needs an allocation to fail a note.
    const char *Level = "warning";
    double Rank = 50;
    switch (F.Impact) {
    case ImpactClass::EveryCall: Level = "error"; Rank = 90; break;
    case ImpactClass::ErrorPath: Level = "warning"; Rank = 50; break;
    case ImpactClass::AllocationFailure: Level = "note"; Rank = 10; break;
    }
    std::string Text = F.Message;
    if (!F.ImpactReason.empty())
      Text += " (" + F.ImpactReason + ")";
    json::Object Res{{"ruleId", F.Check},
                     {"level", Level},
                     {"rank", Rank},
                     {"message", json::Object{{"text", Text}}}};
    for (size_t I = 0; I < Rules.size(); ++I)
      if (Rules[I].Id == F.Check)
        Res["ruleIndex"] = int64_t(I);
    json::Object Loc = location(F.File, F.Line, F.Column);
    if (!F.Function.empty())
      Loc["logicalLocations"] = json::Array{
          json::Object{{"name", F.Function}, {"kind", "function"}}};
    Res["locations"] = json::Array{std::move(Loc)};
    if (!F.Id.empty())
      Res["partialFingerprints"] = json::Object{{"refcheckId/v2", F.Id}};
    // The path: every note, then the finding itself.
    json::Array Steps;
    auto AddStep = [&](StringRef File, unsigned Line, unsigned Col,
                       StringRef Msg, StringRef Importance) {
      Steps.push_back(json::Object{
          {"location", location(File, Line, Col, Msg)},
          {"executionOrder", int64_t(Steps.size() + 1)},
          {"importance", Importance}});
    };
    for (const PathStep &S : F.Path)
      AddStep(S.File, S.Line, S.Column, S.Message, "important");
    AddStep(F.File, F.Line, F.Column, F.Message, "essential");
    Res["codeFlows"] = json::Array{json::Object{
        {"threadFlows", json::Array{json::Object{{"locations",
                                                  std::move(Steps)}}}}}};
    json::Object Props;
    if (!F.Origin.empty())
      Props["origin"] = F.Origin;
    if (!F.Id.empty())
      Props["refcheckId"] = F.Id;
    Props["impact"] = toString(F.Impact);
    if (!F.ImpactCall.empty())
      Props["impactCall"] = F.ImpactCall;
    if (!F.EntryPoints.empty())
      Props["entryPoints"] = F.EntryPoints;
    if (F.Confirm)
      Props["confirmation"] = confirmationJson(*F.Confirm);
    if (!Props.empty())
      Res["properties"] = std::move(Props);
    return Res;
  }
};
} // namespace

void refcheck::writeSarif(raw_ostream &OS, const Results &R,
                          const ReportContext &Ctx) {
  SarifBuilder B(Ctx);
  // Rules: every known check, plus any check id a finding carries that the
  // context did not describe (so ruleIndex always resolves).
  std::vector<RuleInfo> Rules = Ctx.Rules;
  for (const Finding &F : R.Findings)
    if (llvm::none_of(Rules, [&](const RuleInfo &I) { return I.Id == F.Check; }))
      Rules.push_back({F.Check, F.Check, "", ""});

  json::Array RuleArr;
  for (const RuleInfo &I : Rules)
    RuleArr.push_back(B.rule(I));
  json::Object Driver{{"name", "refcheck"},
                      {"fullName", "refcheck: CPython reference-count checker"},
                      {"rules", std::move(RuleArr)}};
  if (!Ctx.ToolVersion.empty()) {
    Driver["version"] = Ctx.ToolVersion;
    Driver["semanticVersion"] = Ctx.ToolVersion;
  }

  json::Array Results;
  for (const Finding &F : R.Findings)
    Results.push_back(B.result(F, Rules));

  json::Array Notes;
  for (const FileError &E : R.Errors)
    Notes.push_back(json::Object{
        {"level", "error"},
        {"message", json::Object{{"text", E.Message}}},
        {"locations", json::Array{B.location(E.File, 0, 0)}}});
  json::Object Invocation{{"executionSuccessful", R.FilesAnalyzed > 0}};
  if (!Notes.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notes);

  json::Object Run{{"tool", json::Object{{"driver", std::move(Driver)}}},
                   {"invocations", json::Array{std::move(Invocation)}},
                   {"columnKind", "unicodeCodePoints"},
                   {"results", std::move(Results)}};
  if (!B.Root.empty())
    Run["originalUriBaseIds"] = json::Object{
        {"%SRCROOT%",
         json::Object{{"uri", "file://" + pathToUriReference(B.Root) + "/"}}}};

  json::Object Log{
      {"$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/"
                  "schemas/sarif-schema-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::Array{std::move(Run)}}};
  OS << formatv("{0:2}", json::Value(std::move(Log))) << '\n';
}
