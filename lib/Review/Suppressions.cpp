//===- Suppressions.cpp - `// refcheck: ignore[check]` comments -----------===//
#include "refcheck/Review.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Regex.h"
#include <map>

using namespace refcheck;
using namespace llvm;

bool Suppression::covers(StringRef Check) const {
  return llvm::any_of(Checks, [&](const std::string &C) {
    return C == Check || C == "*";
  });
}

std::vector<Suppression> refcheck::parseSuppressions(const SourceLines &Src,
                                                     StringRef File) {
  static const Regex Re("^refcheck:[[:space:]]*(ignore-function|ignore)"
                        "([[:space:]]*\\[([^]]*)\\])?");
  std::vector<Suppression> Out;
  for (unsigned L = 1; L <= Src.size(); ++L) {
    StringRef Line = Src.line(L);
    // A suppression is a comment that starts with `refcheck:`: after `//`,
    // after `/*`, or after the `*` that continues a block comment.
    std::vector<size_t> Starts;
    for (size_t P = Line.find("//"); P != StringRef::npos;
         P = Line.find("//", P + 2))
      Starts.push_back(P + 2);
    for (size_t P = Line.find("/*"); P != StringRef::npos;
         P = Line.find("/*", P + 2))
      Starts.push_back(P + 2);
    if (Line.ltrim().starts_with("*"))
      Starts.push_back(Line.size() - Line.ltrim().size() + 1);
    llvm::sort(Starts);
    SmallVector<StringRef, 4> M;
    StringRef Rest;
    for (size_t P : Starts) {
      Rest = Line.drop_front(P).ltrim(" \t*");
      if (Re.match(Rest, &M))
        break;
      M.clear();
    }
    if (M.empty())
      continue;
    Suppression S;
    S.File = File.str();
    S.Line = L;
    S.Column = M[0].data() - Line.data() + 1;
    S.WholeFunction = M[1] == "ignore-function";
    S.Text = M[0].str();
    SmallVector<StringRef, 4> Ids;
    StringRef(M[3]).split(Ids, ',', -1, /*KeepEmpty=*/false);
    for (StringRef Id : Ids)
      if (!Id.trim().empty())
        S.Checks.push_back(Id.trim().str());
    Out.push_back(std::move(S));
  }
  return Out;
}

namespace {
struct LoadedFile {
  std::optional<SourceLines> Src;
  std::vector<Suppression> Sups;
};
} // namespace

SuppressionOutcome
refcheck::applySuppressions(Results &R,
                            const std::vector<std::string> &ScanFiles) {
  // Keyed by absolute path; keeps the order files were first seen in.
  StringMap<LoadedFile> Files;
  std::vector<std::string> Order;
  auto Load = [&](const std::string &Given) -> LoadedFile & {
    std::string Abs = absolutePath(Given);
    auto [It, New] = Files.try_emplace(Abs);
    if (New) {
      Order.push_back(Abs);
      It->second.Src = readSourceLines(Abs);
      if (It->second.Src)
        It->second.Sups = parseSuppressions(*It->second.Src, Given);
    }
    return It->second;
  };
  for (const std::string &F : ScanFiles)
    Load(F);

  SuppressionOutcome Out;
  std::vector<Finding> Kept;
  for (Finding &F : R.Findings) {
    LoadedFile &LF = Load(F.File);
    Suppression *Hit = nullptr;
    for (Suppression &S : LF.Sups)
      if (!S.WholeFunction && S.covers(F.Check) &&
          (S.Line == F.Line || S.Line + 1 == F.Line))
        Hit = &S;
    if (!Hit && LF.Src && llvm::any_of(LF.Sups, [](const Suppression &S) {
          return S.WholeFunction;
        }))
      if (auto Fn = findFunction(*LF.Src, F.Function, F.Line))
        for (Suppression &S : LF.Sups)
          if (S.WholeFunction && S.covers(F.Check) &&
              S.Line >= Fn->LeadStart && S.Line <= Fn->End)
            Hit = &S;
    if (Hit) {
      Hit->Used = true;
      ++Out.Suppressed;
    } else {
      Kept.push_back(std::move(F));
    }
  }
  R.Findings = std::move(Kept);
  for (const std::string &Abs : Order)
    for (const Suppression &S : Files[Abs].Sups)
      if (!S.Used)
        Out.Unused.push_back(S);
  return Out;
}

std::vector<Finding>
refcheck::unusedSuppressionFindings(const std::vector<Suppression> &Unused) {
  std::vector<Finding> Out;
  // Same comment text in one file: told apart by their order, not lines.
  std::map<std::pair<std::string, std::string>, unsigned> Seen;
  for (const Suppression &S : Unused) {
    unsigned Ordinal = ++Seen[{S.File, S.Text}];
    Finding F;
    F.Check = "unused-suppression";
    F.File = S.File;
    F.Line = S.Line;
    F.Column = S.Column;
    F.Message = S.Checks.empty()
                    ? "Suppression '" + S.Text +
                          "' names no check (write ignore[CHECK])"
                    : "Suppression '" + S.Text + "' suppresses nothing";
    F.Origin = S.Text;
    F.Id = computeFindingId(F.Check, S.File, "",
                            S.Text + "#" + std::to_string(Ordinal));
    Out.push_back(std::move(F));
  }
  return Out;
}
