//===- Contracts.cpp - Inferred contracts as JSON and as annotations ------===//
#include "refcheck/ApiModel.h"

using namespace refcheck;
using namespace llvm;

json::Value refcheck::contractToJson(const InferredContract &C,
                                     bool WithOrigin) {
  const FunctionSpec &S = C.Spec;
  json::Array Steals;
  for (auto [I, K] : S.Steals)
    Steals.push_back(json::Array{int64_t(I), int64_t(K)});
  json::Object O{{"name", S.Name},
                 {"returns", int64_t(S.Return)},
                 {"alias_arg", int64_t(S.AliasArg)},
                 {"can_fail", S.CanFail},
                 {"fresh", S.FreshResult},
                 {"fresh_or_static", S.FreshOrStatic},
                 {"steals", std::move(Steals)},
                 {"unknown", json::Array(S.UnknownArgs)},
                 {"origin", WithOrigin ? S.Origin : ""}};
  if (C.Error)
    O["error"] = int64_t(*C.Error);
  if (C.FailsOnlyOnMemory)
    O["memory"] = true;
  return O;
}

std::optional<InferredContract>
refcheck::contractFromJson(const json::Value &V) {
  const json::Object *O = V.getAsObject();
  if (!O)
    return std::nullopt;
  InferredContract C;
  FunctionSpec &S = C.Spec;
  std::optional<StringRef> Name = O->getString("name");
  std::optional<int64_t> Returns = O->getInteger("returns");
  if (!Name || Name->empty() || !Returns || *Returns < 0 ||
      *Returns > int64_t(ReturnKind::Alias))
    return std::nullopt;
  S.Name = Name->str();
  S.Return = ReturnKind(*Returns);
  std::optional<int64_t> Alias = O->getInteger("alias_arg");
  if (Alias && (*Alias < 0 || *Alias > 15))
    return std::nullopt;
  S.AliasArg = unsigned(Alias.value_or(0));
  S.CanFail = O->getBoolean("can_fail").value_or(true);
  S.FreshResult = O->getBoolean("fresh").value_or(false);
  S.FreshOrStatic = O->getBoolean("fresh_or_static").value_or(false);
  C.FailsOnlyOnMemory = O->getBoolean("memory").value_or(false);
  S.From = Source::Inferred;
  S.Origin = O->getString("origin").value_or("").str();
  if (const json::Array *A = O->getArray("steals"))
    for (const json::Value &E : *A) {
      const json::Array *P = E.getAsArray();
      if (!P || P->size() != 2)
        return std::nullopt;
      std::optional<int64_t> I = (*P)[0].getAsInteger();
      std::optional<int64_t> K = (*P)[1].getAsInteger();
      if (!I || !K || *I < 0 || *K < 0 || *K > int64_t(StealKind::OnFailure))
        return std::nullopt;
      S.Steals.push_back({unsigned(*I), StealKind(*K)});
    }
  if (const json::Array *A = O->getArray("unknown"))
    for (const json::Value &E : *A) {
      std::optional<int64_t> I = E.getAsInteger();
      if (!I || *I < 0)
        return std::nullopt;
      S.UnknownArgs.push_back(unsigned(*I));
    }
  if (std::optional<int64_t> E = O->getInteger("error")) {
    if (*E < 0 || *E > int64_t(ErrorKind::Restores))
      return std::nullopt;
    C.Error = ErrorKind(*E);
  }
  return C;
}

ApiAnnotation refcheck::toAnnotation(const InferredContract &C) {
  const FunctionSpec &S = C.Spec;
  ApiAnnotation A;
  A.Function = S.Name;
  if (S.Return == ReturnKind::Alias)
    A.ReturnsArg = S.AliasArg + 1;
  else
    A.Returns = S.Return;
  for (auto [I, K] : S.Steals)
    (K == StealKind::Always      ? A.StealsArgs
     : K == StealKind::OnSuccess ? A.StealsArgsOnSuccess
                                 : A.StealsArgsOnFailure)
        .push_back(I + 1);
  for (unsigned I : S.UnknownArgs)
    A.UnknownArgs.push_back(I + 1);
  A.CanFail = S.CanFail;
  if (C.Error)
    A.Error = uint8_t(*C.Error);
  else if (S.CanFail)
    // Its failing paths disagree: said, so that the annotation read back
    // does not get the C API's convention (NULL sets an exception) instead.
    A.Error = uint8_t(ErrorKind::Unknown);
  A.InferredFrom = S.Origin;
  return A;
}

void refcheck::mergeAlternative(InferredContract &Into,
                                const InferredContract &Other) {
  FunctionSpec &A = Into.Spec;
  const FunctionSpec &B = Other.Spec;
  auto Unknown = [&](unsigned I) {
    return llvm::is_contained(A.UnknownArgs, I) ||
           llvm::is_contained(B.UnknownArgs, I);
  };
  std::vector<unsigned> Args;
  for (const auto &S : A.Steals)
    Args.push_back(S.first);
  for (const auto &S : B.Steals)
    Args.push_back(S.first);
  std::vector<std::pair<unsigned, StealKind>> Steals;
  std::vector<unsigned> UnknownArgs;
  for (unsigned I : A.UnknownArgs)
    UnknownArgs.push_back(I);
  for (unsigned I : B.UnknownArgs)
    UnknownArgs.push_back(I);
  for (unsigned I : Args) {
    if (Unknown(I) || A.stealOf(I) != B.stealOf(I))
      UnknownArgs.push_back(I);
    else if (!llvm::any_of(Steals, [&](const auto &S) { return S.first == I; }))
      Steals.push_back({I, A.stealOf(I)});
  }
  llvm::sort(UnknownArgs);
  UnknownArgs.erase(std::unique(UnknownArgs.begin(), UnknownArgs.end()),
                    UnknownArgs.end());
  llvm::sort(Steals);
  A.Steals = std::move(Steals);
  A.UnknownArgs = std::move(UnknownArgs);
  // Kept by one of them only: the object may not outlive the caller's
  // reference.
  llvm::erase_if(A.Keeps, [&](unsigned I) {
    return !llvm::is_contained(B.Keeps, I);
  });
  if (A.Return != B.Return ||
      (A.Return == ReturnKind::Alias && A.AliasArg != B.AliasArg))
    A.Return = ReturnKind::Unknown;
  A.CanFail = A.CanFail || B.CanFail;
  A.FreshResult = A.FreshResult && B.FreshResult;
  A.FreshOrStatic = A.FreshOrStatic && B.FreshOrStatic;
  if (A.NewRefOutArgs != B.NewRefOutArgs)
    A.NewRefOutArgs.clear();
  if (A.InOutArgs != B.InOutArgs)
    A.InOutArgs.clear();
  if (Into.Error != Other.Error)
    Into.Error = ErrorKind::Unknown;
  Into.FailsOnlyOnMemory = Into.FailsOnlyOnMemory && Other.FailsOnlyOnMemory;
}
