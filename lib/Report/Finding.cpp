//===- Finding.cpp - Finding ids, ordering and JSON reading ---------------===//
#include "refcheck/Finding.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include <tuple>

using namespace refcheck;
using namespace llvm;

std::string refcheck::computeFindingId(StringRef Check, StringRef File,
                                       StringRef Function, StringRef Origin) {
  SHA256 H;
  H.update(Check);
  H.update("\x1f");
  H.update(File);
  H.update("\x1f");
  H.update(Function);
  H.update("\x1f");
  H.update(Origin);
  return toHex(H.final(), /*LowerCase=*/true).substr(0, 16);
}

const char *refcheck::toString(ImpactClass I) {
  switch (I) {
  case ImpactClass::EveryCall: return "every-call";
  case ImpactClass::ErrorPath: return "error-path";
  case ImpactClass::AllocationFailure: return "allocation-failure";
  }
  return "every-call";
}

std::optional<ImpactClass> refcheck::parseImpactClass(StringRef S) {
  for (ImpactClass I : {ImpactClass::EveryCall, ImpactClass::ErrorPath,
                        ImpactClass::AllocationFailure})
    if (S == toString(I))
      return I;
  return std::nullopt;
}

static auto key(const Finding &F) {
  return std::tie(F.File, F.Line, F.Column, F.Check, F.Message, F.Id);
}

void Results::canonicalize() {
  llvm::sort(Findings, [](const Finding &A, const Finding &B) {
    return key(A) < key(B);
  });
  Findings.erase(std::unique(Findings.begin(), Findings.end(),
                             [](const Finding &A, const Finding &B) {
                               return key(A) == key(B);
                             }),
                 Findings.end());
  llvm::stable_sort(Errors, [](const FileError &A, const FileError &B) {
    return std::tie(A.File, A.Message) < std::tie(B.File, B.Message);
  });
}

/// Calls Fn on every file name the results hold.
template <typename Fn> static void forEachPath(Results &R, Fn F) {
  for (Finding &Fd : R.Findings) {
    F(Fd.File);
    for (PathStep &S : Fd.Path)
      F(S.File);
  }
  for (refcheck::FileError &E : R.Errors)
    F(E.File);
}

void Results::makePathsRelative(StringRef NewRoot) {
  SmallString<256> RootDir(NewRoot);
  sys::path::remove_dots(RootDir, /*remove_dot_dot=*/true);
  StringRef Dir = StringRef(RootDir).rtrim('/');
  forEachPath(*this, [&](std::string &P) {
    if (P.empty() || !sys::path::is_absolute(P))
      return;
    SmallString<256> Norm(P);
    sys::path::remove_dots(Norm, /*remove_dot_dot=*/true);
    StringRef Rest = Norm;
    if (!Dir.empty() && Rest.consume_front(Dir) && Rest.consume_front("/"))
      P = Rest.str();
    else
      P = Norm.str().str();
  });
  Root = RootDir.str().str();
}

void Results::makePathsAbsolute() {
  forEachPath(*this, [&](std::string &P) {
    if (P.empty() || sys::path::is_absolute(P))
      return;
    SmallString<256> Abs(P);
    if (Root.empty())
      sys::fs::make_absolute(Abs);
    else
      sys::fs::make_absolute(Root, Abs);
    sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    P = Abs.str().str();
  });
}

void Results::append(Results Other) {
  for (Finding &F : Other.Findings)
    Findings.push_back(std::move(F));
  for (FileError &E : Other.Errors)
    Errors.push_back(std::move(E));
  FilesAnalyzed += Other.FilesAnalyzed;
  FunctionsBegun += Other.FunctionsBegun;
  FunctionsReused += Other.FunctionsReused;
}

Expected<Finding> refcheck::findingFromJson(const json::Object &O) {
  auto Bad = [](const Twine &Why) {
    return createStringError(inconvertibleErrorCode(),
                             "not a refcheck JSON document: " + Why);
  };
  Finding F;
  F.Id = O.getString("id").value_or("").str();
  F.Check = O.getString("check").value_or("").str();
  F.Message = O.getString("message").value_or("").str();
  F.File = O.getString("file").value_or("").str();
  F.Line = O.getInteger("line").value_or(0);
  F.Column = O.getInteger("column").value_or(0);
  F.Function = O.getString("function").value_or("").str();
  F.Origin = O.getString("origin").value_or("").str();
  if (const json::Array *Path = O.getArray("path"))
    for (const json::Value &SV : *Path)
      if (const json::Object *S = SV.getAsObject())
        F.Path.push_back({S->getString("file").value_or("").str(),
                          unsigned(S->getInteger("line").value_or(0)),
                          unsigned(S->getInteger("column").value_or(0)),
                          S->getString("message").value_or("").str()});
  if (auto I = O.getString("impact")) {
    std::optional<ImpactClass> C = parseImpactClass(*I);
    if (!C)
      return Bad("unknown \"impact\" '" + *I + "'");
    F.Impact = *C;
  }
  F.ImpactCall = O.getString("impact_call").value_or("").str();
  F.ImpactReason = O.getString("impact_reason").value_or("").str();
  if (const json::Array *EPs = O.getArray("entry_points"))
    for (const json::Value &EV : *EPs)
      if (auto S = EV.getAsString())
        F.EntryPoints.push_back(S->str());
  if (const json::Object *C = O.getObject("confirmation")) {
    Confirmation Conf;
    Conf.Status = C->getString("status").value_or("").str();
    Conf.Reason = C->getString("reason").value_or("").str();
    if (const json::Array *Ts = C->getArray("tests"))
      for (const json::Value &TV : *Ts) {
        const json::Object *T = TV.getAsObject();
        if (!T)
          continue;
        TestRun Run;
        Run.Test = T->getString("id").value_or("").str();
        Run.Outcome = T->getString("outcome").value_or("").str();
        Run.Detail = T->getString("detail").value_or("").str();
        Run.Seconds = T->getNumber("seconds").value_or(0);
        Run.Control = T->getBoolean("control").value_or(false);
        auto Ints = [&](StringRef Key, std::vector<long long> &Out) {
          if (const json::Array *A = T->getArray(Key))
            for (const json::Value &N : *A)
              if (auto I = N.getAsInteger())
                Out.push_back(*I);
        };
        Ints("references", Run.Refs);
        Ints("blocks", Run.Blocks);
        Ints("fds", Run.Fds);
        if (const json::Array *L = T->getArray("leaked"))
          for (const json::Value &N : *L)
            if (auto S = N.getAsString())
              Run.Leaked.push_back(S->str());
        Conf.Tests.push_back(std::move(Run));
      }
    if (const json::Array *Rs = C->getArray("reaching"))
      for (const json::Value &RV : *Rs)
        if (const json::Object *RO = RV.getAsObject())
          Conf.Reaching.push_back({RO->getString("id").value_or("").str(),
                                   RO->getString("via").value_or("").str(),
                                   RO->getNumber("seconds").value_or(-1)});
    Conf.WouldReach = C->getString("would_reach").value_or("").str();
    if (Conf.Status.empty())
      return Bad("a confirmation lacks \"status\"");
    F.Confirm = std::move(Conf);
  }
  if (F.Id.empty() || F.Check.empty())
    return Bad("a finding lacks \"id\" or \"check\"");
  return F;
}

Expected<Results> refcheck::parseJsonResults(StringRef Text) {
  Expected<json::Value> V = json::parse(Text);
  if (!V)
    return V.takeError();
  auto Bad = [](const Twine &Why) {
    return createStringError(inconvertibleErrorCode(),
                             "not a refcheck JSON document: " + Why);
  };
  const json::Object *Doc = V->getAsObject();
  if (!Doc)
    return Bad("top level is not an object");
  if (Doc->getInteger("version") != 1)
    return Bad("missing or unsupported \"version\"");
  Results R;
  R.Root = Doc->getString("root").value_or("").str();
  if (const json::Array *Fs = Doc->getArray("findings")) {
    for (const json::Value &FV : *Fs) {
      const json::Object *O = FV.getAsObject();
      if (!O)
        return Bad("a finding is not an object");
      Expected<Finding> F = findingFromJson(*O);
      if (!F)
        return F.takeError();
      R.Findings.push_back(std::move(*F));
    }
  }
  if (const json::Array *Es = Doc->getArray("errors"))
    for (const json::Value &EV : *Es)
      if (const json::Object *O = EV.getAsObject())
        R.Errors.push_back({O->getString("file").value_or("").str(),
                            O->getString("message").value_or("").str()});
  R.FilesAnalyzed = Doc->getInteger("files_analyzed").value_or(0);
  R.FunctionsBegun = Doc->getInteger("functions_analyzed").value_or(0);
  R.FunctionsReused = Doc->getInteger("functions_reused").value_or(0);
  return R;
}
