//===- ApiModel.cpp - The C-API model and its loaders ---------------------===//
#include "refcheck/ApiModel.h"
#include "BuiltinTable.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SHA256.h"
#include <algorithm>

using namespace refcheck;
using namespace llvm;

const char *refcheck::toString(ReturnKind K) {
  switch (K) {
  case ReturnKind::NotAnObject: return "not-an-object";
  case ReturnKind::NewRef: return "new";
  case ReturnKind::Borrowed: return "borrowed";
  case ReturnKind::AlwaysNull: return "null";
  }
  return "?";
}

const char *refcheck::toString(Source S) {
  switch (S) {
  case Source::Builtin: return "builtin";
  case Source::Config: return "config";
  case Source::RefcountsDat: return "refcounts.dat";
  case Source::Annotation: return "annotation";
  }
  return "?";
}

StealKind FunctionSpec::stealOf(unsigned Arg) const {
  for (const auto &[Idx, Kind] : Steals)
    if (Idx == Arg)
      return Kind;
  return StealKind::No;
}

/// Parses the `aN,sN` / `nN,xN` cells of the built-in table.
static void parseCells(StringRef Cells, FunctionSpec &S) {
  SmallVector<StringRef, 4> Parts;
  Cells.split(Parts, ',', -1, /*KeepEmpty=*/false);
  for (StringRef P : Parts) {
    unsigned N = 0;
    char Tag = P.front();
    if (P.drop_front().getAsInteger(10, N))
      continue;
    switch (Tag) {
    case 'a': S.Steals.push_back({N, StealKind::Always}); break;
    case 's': S.Steals.push_back({N, StealKind::OnSuccess}); break;
    case 'k': S.Keeps.push_back(N); break;
    case 'n': S.NewRefOutArgs.push_back(N); break;
    case 'x': S.InOutArgs.push_back(N); break;
    default: break;
    }
  }
}

ApiModel ApiModel::builtin() {
  ApiModel M;
  for (size_t I = 0; I < NumBuiltinRows; ++I) {
    const BuiltinRow &R = BuiltinRows[I];
    FunctionSpec S;
    S.Name = R.Name;
    S.Return = R.Return;
    S.CanFail = R.CanFail;
    parseCells(R.Steals, S);
    parseCells(R.Out, S);
    S.Format = R.Format;
    S.FormatArg = R.FormatArg;
    S.From = Source::Builtin;
    M.add(std::move(S));
  }
  return M;
}

const FunctionSpec *ApiModel::lookup(StringRef Name) const {
  auto It = Specs.find(Name);
  return It == Specs.end() ? nullptr : &It->second;
}

void ApiModel::add(FunctionSpec Spec) {
  auto [It, Inserted] = Specs.try_emplace(Spec.Name, Spec);
  if (Inserted)
    return;
  FunctionSpec &Old = It->second;
  if (Spec.From < Old.From)
    return; // lower priority never overrides
  if (Spec.From == Source::RefcountsDat) {
    // Only the return column of refcounts.dat is trusted: keep the steals
    // and out-parameters we already know.
    Old.Return = Spec.Return;
    Old.From = Spec.From;
    return;
  }
  Old = std::move(Spec);
}

void ApiModel::addConfigFact(const ApiAnnotation &A) {
  FunctionSpec S;
  if (const FunctionSpec *Old = lookup(A.Function))
    S = *Old;
  S.Name = A.Function;
  if (A.Returns)
    S.Return = *A.Returns;
  if (!A.StealsArgs.empty()) {
    S.Steals.clear();
    for (unsigned N : A.StealsArgs)
      if (N > 0)
        S.Steals.push_back({N - 1, StealKind::Always});
  }
  S.From = Source::Config;
  add(std::move(S));
}

std::vector<const FunctionSpec *> ApiModel::all() const {
  std::vector<const FunctionSpec *> Out;
  for (const auto &E : Specs)
    Out.push_back(&E.second);
  llvm::sort(Out, [](const FunctionSpec *A, const FunctionSpec *B) {
    return A->Name < B->Name;
  });
  return Out;
}

std::string ApiModel::fingerprint() const {
  SHA256 H;
  for (const FunctionSpec *S : all()) {
    H.update(S->Name);
    std::string Row = "|" + std::to_string(int(S->Return)) + "|" +
                      std::to_string(S->CanFail) + "|";
    for (auto [I, K] : S->Steals)
      Row += std::to_string(I) + ":" + std::to_string(int(K)) + ",";
    for (unsigned I : S->NewRefOutArgs)
      Row += "n" + std::to_string(I);
    for (unsigned I : S->InOutArgs)
      Row += "x" + std::to_string(I);
    for (unsigned I : S->Keeps)
      Row += "k" + std::to_string(I);
    Row += "|" + std::to_string(int(S->Format)) + std::to_string(S->FormatArg);
    H.update(Row);
  }
  return toHex(H.final(), /*LowerCase=*/true).substr(0, 16);
}

//===----------------------------------------------------------------------===//
// Doc/data/refcounts.dat
//===----------------------------------------------------------------------===//

Error ApiModel::loadRefcountsDat(StringRef Path) {
  auto Buf = MemoryBuffer::getFile(Path);
  if (!Buf)
    return createStringError(Buf.getError(), "cannot read API database '%s': %s",
                             Path.str().c_str(),
                             Buf.getError().message().c_str());
  return parseRefcountsDat((*Buf)->getBuffer(), Path);
}

Error ApiModel::parseRefcountsDat(StringRef Text, StringRef Name) {
  // function ':' type ':' [param] ':' [refcount effect] ':' [comment]
  // The first line of a function's block describes its result.
  StringRef Current;
  unsigned LineNo = 0;
  SmallVector<StringRef, 0> Lines;
  Text.split(Lines, '\n');
  for (StringRef Line : Lines) {
    ++LineNo;
    Line = Line.rtrim("\r");
    StringRef T = Line.trim();
    if (T.empty() || T.starts_with("#"))
      continue;
    SmallVector<StringRef, 5> F;
    T.split(F, ':', /*MaxSplit=*/4);
    auto Bad = [&](const Twine &Why) {
      return createStringError(inconvertibleErrorCode(), "%s:%u: %s",
                               Name.str().c_str(), LineNo,
                               Why.str().c_str());
    };
    if (F.size() < 4)
      return Bad("expected 'function:type:param:refcount:comment', got '" +
                 T + "'");
    StringRef Fn = F[0].trim(), Type = F[1].trim(), Param = F[2].trim(),
              Effect = F[3].trim();
    if (Fn.empty())
      return Bad("empty function name");
    if (!Effect.empty() && Effect != "+1" && Effect != "0" && Effect != "-1" &&
        Effect != "null")
      return Bad("unknown refcount effect '" + Effect +
                 "' (expected +1, 0, -1, null or nothing)");
    if (Fn == Current)
      continue; // an argument line: its steal information is not trusted
    Current = Fn;
    if (!Param.empty())
      return Bad("the first line for '" + Fn +
                 "' must describe its result (empty parameter name)");
    FunctionSpec S;
    S.Name = Fn.str();
    S.From = Source::RefcountsDat;
    bool IsObject = Type.contains("PyObject") || Type.ends_with("Object*");
    if (Effect == "+1")
      S.Return = ReturnKind::NewRef;
    else if (Effect == "0" && IsObject)
      S.Return = ReturnKind::Borrowed;
    else if (Effect == "null")
      S.Return = ReturnKind::AlwaysNull;
    else
      S.Return = ReturnKind::NotAnObject;
    add(std::move(S));
  }
  return Error::success();
}

//===----------------------------------------------------------------------===//
// Format strings
//===----------------------------------------------------------------------===//

std::vector<FormatItem> refcheck::parseFormat(StringRef Fmt, FormatStyle Style,
                                              bool &Ok) {
  std::vector<FormatItem> Items;
  Ok = true;
  auto Fail = [&] {
    Ok = false;
    Items.clear();
    return Items;
  };
  for (size_t I = 0; I < Fmt.size(); ++I) {
    char C = Fmt[I];
    auto Next = [&](char Want) {
      if (I + 1 < Fmt.size() && Fmt[I + 1] == Want) {
        ++I;
        return true;
      }
      return false;
    };
    FormatItem It;
    It.Code = C;
    if (Style == FormatStyle::BuildValue) {
      switch (C) {
      case '(': case ')': case '[': case ']': case '{': case '}':
      case ' ': case '\t': case ',': case ':':
        continue;
      case 'O':
        if (Next('&')) { It.NumArgs = 2; break; }
        It.IsObject = true;
        break;
      case 'S':
        It.IsObject = true;
        break;
      case 'N':
        It.IsObject = true;
        It.Steals = true;
        break;
      case 's': case 'z': case 'y': case 'u': case 'U':
        if (Next('#')) It.NumArgs = 2;
        break;
      case 'i': case 'b': case 'h': case 'l': case 'B': case 'H': case 'I':
      case 'k': case 'L': case 'K': case 'n': case 'c': case 'C': case 'd':
      case 'f': case 'D': case 'p':
        break;
      default:
        return Fail();
      }
    } else { // ParseArgs
      switch (C) {
      case '(': case ')': case '|': case '$':
        continue;
      case ':': case ';':
        return Items; // the rest is the function name / error message
      case 'O':
        if (Next('!')) { It.IsObject = true; It.NumArgs = 2; It.ObjectArg = 1; break; }
        if (Next('&')) { It.NumArgs = 2; break; }
        It.IsObject = true;
        break;
      case 'S': case 'Y': case 'U':
        It.IsObject = true;
        break;
      case 's': case 'z': case 'y':
        if (Next('*')) break;
        if (Next('#')) It.NumArgs = 2;
        break;
      case 'e':
        if (!Next('s') && !Next('t')) return Fail();
        It.NumArgs = 2; // encoding, char **buffer
        if (Next('#')) It.NumArgs = 3;
        break;
      case 'w':
        if (!Next('*')) return Fail();
        break;
      case 'u': case 'Z':
        if (Next('#')) It.NumArgs = 2;
        break;
      case 'b': case 'B': case 'h': case 'H': case 'i': case 'I': case 'l':
      case 'k': case 'L': case 'K': case 'n': case 'c': case 'C': case 'f':
      case 'd': case 'D': case 'p':
        break;
      default:
        return Fail();
      }
    }
    Items.push_back(It);
  }
  return Items;
}
