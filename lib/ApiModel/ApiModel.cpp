//===- ApiModel.cpp - The C-API model and its loaders ---------------------===//
#include "refcheck/ApiModel.h"
#include "BuiltinTable.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ErrorHandling.h"
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
  case ReturnKind::Unknown: return "unknown";
  case ReturnKind::Alias: return "its argument";
  }
  return "?";
}

const char *refcheck::toString(Source S) {
  switch (S) {
  case Source::Inferred: return "inferred";
  case Source::Builtin: return "builtin";
  case Source::Config: return "config";
  case Source::RefcountsDat: return "refcounts.dat";
  case Source::Annotation: return "annotation";
  }
  return "?";
}

const char *refcheck::toString(ErrorKind K) {
  switch (K) {
  case ErrorKind::Unknown: return "unknown";
  case ErrorKind::NoEffect: return "no-effect";
  case ErrorKind::NullSets: return "null-sets";
  case ErrorKind::NullMaybeSets: return "null-maybe-sets";
  case ErrorKind::NullNoSet: return "null-no-exception";
  case ErrorKind::NullIfAbsent: return "null-if-absent";
  case ErrorKind::NullOnMisuse: return "null-on-misuse";
  case ErrorKind::NegSets: return "negative-sets";
  case ErrorKind::ZeroSets: return "zero-sets";
  case ErrorKind::Ambiguous: return "ambiguous";
  case ErrorKind::AlwaysSets: return "sets";
  case ErrorKind::Clears: return "clears";
  case ErrorKind::Occurred: return "occurred";
  case ErrorKind::Matches: return "matches";
  case ErrorKind::Restores: return "restores";
  }
  return "?";
}

std::optional<ErrorKind> refcheck::errorKindNamed(StringRef Name) {
  for (unsigned I = 0; I <= unsigned(ErrorKind::Restores); ++I)
    if (Name == toString(ErrorKind(I)))
      return ErrorKind(I);
  return std::nullopt;
}

const char *refcheck::toString(FormatArgType T) {
  switch (T) {
  case FormatArgType::Any: return "any";
  case FormatArgType::Char: return "char";
  case FormatArgType::Short: return "short";
  case FormatArgType::Int: return "int";
  case FormatArgType::Long: return "long";
  case FormatArgType::LongLong: return "long long";
  case FormatArgType::SSize: return "Py_ssize_t";
  case FormatArgType::Float: return "float";
  case FormatArgType::Double: return "double";
  case FormatArgType::Complex: return "Py_complex";
  case FormatArgType::CharPtr: return "const char *";
  case FormatArgType::WCharPtr: return "wchar_t *";
  case FormatArgType::Object: return "PyObject *";
  case FormatArgType::TypeObject: return "PyTypeObject *";
  case FormatArgType::Converter: return "converter function";
  case FormatArgType::VoidPtr: return "void *";
  case FormatArgType::Buffer: return "Py_buffer";
  }
  return "?";
}

StealKind FunctionSpec::stealOf(unsigned Arg) const {
  for (const auto &[Idx, Kind] : Steals)
    if (Idx == Arg)
      return Kind;
  return StealKind::No;
}

static Error rowError(StringRef Row, const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(),
                           "built-in table row '" + Row + "': " + Msg);
}

/// Parses a comma list of `<tag><argument>` cells (`a2,s0`, `n1`, `x0`),
/// where Tags are the tags this column allows.
static Error parseCells(StringRef Row, StringRef Column, StringRef Cells,
                        StringRef Tags, FunctionSpec &S) {
  SmallVector<StringRef, 4> Parts;
  Cells.split(Parts, ',', -1, /*KeepEmpty=*/true);
  if (Cells.empty())
    return Error::success();
  llvm::SmallDenseSet<unsigned, 4> Seen;
  for (StringRef P : Parts) {
    unsigned N = 0;
    if (P.empty() || !Tags.contains(P.front()))
      return rowError(Row, Column + " cell '" + P + "' does not start with " +
                               "one of '" + Tags + "'");
    if (P.drop_front().getAsInteger(10, N) || N > 15)
      return rowError(Row, Column + " cell '" + P +
                               "' needs an argument index 0-15 after its tag");
    // 'g' and 'v' say more of an argument another cell names.
    if (P.front() != 'g' && P.front() != 'v' && !Seen.insert(N).second)
      return rowError(Row, Column + " column names argument " + Twine(N) +
                               " twice");
    switch (P.front()) {
    case 'a': S.Steals.push_back({N, StealKind::Always}); break;
    case 's': S.Steals.push_back({N, StealKind::OnSuccess}); break;
    case 'k': S.Keeps.push_back(N); break;
    case 'h': S.ResultHeldBy = N; break;
    case 'n': S.NewRefOutArgs.push_back(N); break;
    case 'x': S.InOutArgs.push_back(N); break;
    case 'r': S.ReplacedOnSuccessArgs.push_back(N); break;
    case 'i': S.InitArgs.push_back(N); break;
    case 'b': S.BorrowedOutArgs.push_back(N); break;
    case 'v':
      S.OutSetWithGuard.push_back(N);
      break;
    case 'g':
      if (S.OutNullGuard)
        return rowError(Row, Column + " column has two 'g' cells");
      S.OutNullGuard = N;
      break;
    }
  }
  return Error::success();
}

Expected<FunctionSpec> refcheck::specFromRow(const BuiltinRow &R) {
  StringRef Name = R.Name ? R.Name : "";
  if (Name.empty())
    return rowError("", "no name");
  FunctionSpec S;
  S.Name = Name.str();
  S.Return = R.Return;
  S.CanFail = R.CanFail;
  if (Error E = parseCells(Name, "steals", R.Steals ? R.Steals : "", "askh", S))
    return std::move(E);
  if (Error E = parseCells(Name, "out", R.Out ? R.Out : "", "nxrgibv", S))
    return std::move(E);
  auto IsOut = [&](unsigned I) {
    return llvm::is_contained(S.NewRefOutArgs, I) ||
           llvm::is_contained(S.InOutArgs, I);
  };
  if (S.OutNullGuard && !IsOut(*S.OutNullGuard))
    return rowError(Name, "out cell 'g" + Twine(*S.OutNullGuard) +
                              "' names no 'n' or 'x' out-argument");
  for (unsigned I : S.OutSetWithGuard)
    if (!S.OutNullGuard || !IsOut(I) || I == *S.OutNullGuard)
      return rowError(Name, "out cell 'v" + Twine(I) +
                                "' needs a 'g' cell and names no other "
                                "'n' or 'x' out-argument");
  if (R.Format == FormatStyle::None && R.FormatArg != 0)
    return rowError(Name, "a format argument without a format style");
  S.Format = R.Format;
  S.FormatArg = R.FormatArg;
  S.From = Source::Builtin;
  return S;
}

Expected<ErrorSpec> refcheck::errorSpecFromRow(const ErrorRow &R) {
  StringRef Name = R.Name ? R.Name : "";
  if (Name.empty())
    return rowError("", "no name");
  ErrorSpec E;
  E.Name = Name.str();
  E.Kind = R.Kind;
  E.FailsOnlyOnMemory = R.Facts & ErrorRow::OnlyMemory;
  E.ZeroOnSuccess = R.Facts & ErrorRow::ZeroOk;
  E.AtMostOne = R.Facts & ErrorRow::UpToOne;
  E.FailsIfExceptionSet = R.Facts & ErrorRow::CallsPython;
  E.NullIsAbsentKey = R.Facts & ErrorRow::KeyLookup;
  if (E.NullIsAbsentKey && R.Kind != ErrorKind::NullNoSet &&
      R.Kind != ErrorKind::NullMaybeSets)
    return rowError(Name, "'key lookup' on a row whose NULL is not "
                          "'absent'");
  if (R.Facts & ErrorRow::AnyNegative && R.Kind != ErrorKind::NegSets)
    return rowError(Name, "'any negative' on a row that does not fail "
                          "with a negative result");
  E.MinusOne =
      R.Kind == ErrorKind::NegSets && !(R.Facts & ErrorRow::AnyNegative);
  if (StringRef NA = R.NullArg ? R.NullArg : ""; !NA.empty()) {
    auto [I, V] = NA.split('=');
    unsigned Idx = 0;
    int Val = 0;
    if (I.getAsInteger(10, Idx) || Idx > 15 || V.getAsInteger(10, Val))
      return rowError(Name, "null-argument cell '" + NA + "' is not I=V");
    E.ResultIfArgNull = {Idx, Val};
  }
  StringRef Cells = R.NonNullArgs ? R.NonNullArgs : "";
  if (Cells.empty())
    return E;
  SmallVector<StringRef, 4> Parts;
  Cells.split(Parts, ',', -1, /*KeepEmpty=*/true);
  for (StringRef P : Parts) {
    unsigned N = 0;
    if (P == "L")
      E.NonNullArgs.push_back(ErrorSpec::LastArg);
    else if (!P.getAsInteger(10, N) && N <= 15)
      E.NonNullArgs.push_back(N);
    else
      return rowError(Name, "non-NULL argument '" + P +
                                "' is neither an index 0-15 nor 'L'");
  }
  return E;
}

Error refcheck::checkRowsAgree(const BuiltinRow &R, const ErrorRow &E) {
  std::optional<bool> MayFail; // what E's convention says of R's result
  switch (E.Kind) {
  case ErrorKind::NullSets:
  case ErrorKind::NullMaybeSets:
  case ErrorKind::NullNoSet:
  case ErrorKind::NullIfAbsent:
  case ErrorKind::Unknown:
    MayFail = true;
    break;
  case ErrorKind::NoEffect:
  case ErrorKind::Restores:
  case ErrorKind::Matches:
    MayFail = false;
    break;
  case ErrorKind::NullOnMisuse:
    // Correct use never sees NULL; an int or pointer result that is not an
    // object (PyModule_GetState) is still checked by careful code.
    if (R.Return != ReturnKind::NotAnObject)
      MayFail = false;
    break;
  case ErrorKind::Occurred:
  case ErrorKind::Clears:
    // An object result is NULL when there is no exception.
    MayFail = R.Return != ReturnKind::NotAnObject;
    break;
  case ErrorKind::NegSets:
  case ErrorKind::ZeroSets:
  case ErrorKind::Ambiguous:
    MayFail = R.Return == ReturnKind::NotAnObject ? std::optional<bool>(true)
                                                  : std::nullopt;
    if (!MayFail)
      return rowError(R.Name, "returns an object, but its error convention "
                              "is '" + Twine(toString(E.Kind)) + "'");
    break;
  case ErrorKind::AlwaysSets:
    if (R.Return == ReturnKind::NewRef || R.Return == ReturnKind::Borrowed)
      return rowError(R.Name, "returns an object, but always sets an "
                              "exception");
    MayFail = false;
    break;
  }
  if (R.Return == ReturnKind::AlwaysNull && E.Kind != ErrorKind::AlwaysSets)
    return rowError(R.Name, "always returns NULL, but its error convention "
                            "is '" + Twine(toString(E.Kind)) + "'");
  if (MayFail && *MayFail != R.CanFail)
    return rowError(R.Name, Twine(R.CanFail ? "can fail" : "never fails") +
                                " in the ownership table, but its error "
                                "convention is '" +
                                toString(E.Kind) + "'");
  return Error::success();
}

ApiModel ApiModel::builtin() {
  // A bad row is a bug in refcheck itself: stop rather than run on a model
  // that silently lacks it.
  auto Fatal = [](Error E) {
    report_fatal_error(Twine(toString(std::move(E))), /*gen_crash_diag=*/false);
  };
  ApiModel M;
  for (size_t I = 0; I < NumBuiltinRows; ++I) {
    Expected<FunctionSpec> S = specFromRow(BuiltinRows[I]);
    if (!S)
      Fatal(S.takeError());
    if (M.lookup(S->Name))
      Fatal(rowError(S->Name, "listed twice in the ownership table"));
    M.add(std::move(*S));
  }
  for (size_t I = 0; I < NumErrorRows; ++I) {
    Expected<ErrorSpec> E = errorSpecFromRow(ErrorRows[I]);
    if (!E)
      Fatal(E.takeError());
    if (M.lookupError(E->Name))
      Fatal(rowError(E->Name, "listed twice in the error table"));
    M.addError(std::move(*E));
  }
  return M;
}

/// Whether Name matches P, a name in which one '*' matches any run of
/// characters ("PyLong_From*", "PyUnicode_As*String").
static bool matchesNamePattern(StringRef Name, StringRef P) {
  auto [Head, Tail] = P.split('*');
  if (Head.size() == P.size())
    return Name == P;
  return Name.size() >= Head.size() + Tail.size() && Name.starts_with(Head) &&
         Name.ends_with(Tail);
}

/// Whether Name matches one of the N patterns of Table.
static bool matchesAnyPattern(StringRef Name, const char *const *Table,
                              size_t N) {
  return llvm::any_of(ArrayRef(Table, N), [&](const char *P) {
    return matchesNamePattern(Name, P);
  });
}

bool ApiModel::makesFreshObject(StringRef Name) {
  return matchesAnyPattern(Name, FreshResultPatterns, NumFreshResultPatterns);
}

bool ApiModel::mayReturnExisting(StringRef Name) {
  return matchesAnyPattern(Name, ExistingResultPatterns,
                           NumExistingResultPatterns);
}

StringRef ApiModel::typeMadeBy(StringRef Name) {
  for (size_t I = 0; I < NumTypeMakerRows; ++I) {
    StringRef P = TypeMakerRows[I].Pattern;
    if (matchesNamePattern(Name, P))
      return TypeMakerRows[I].Type;
  }
  return "";
}

/// Whether Name's TypeCheckedRows row lists Type (and, with Subtype,
/// accepts its subclasses).
static bool typeCheckedRowAccepts(StringRef Name, StringRef Type,
                                  bool Subtype) {
  if (Type.empty())
    return false;
  for (size_t I = 0; I < NumTypeCheckedRows; ++I) {
    if (Name != TypeCheckedRows[I].Name)
      continue;
    if (Subtype && !TypeCheckedRows[I].SubclassToo)
      return false;
    SmallVector<StringRef, 5> Types;
    StringRef(TypeCheckedRows[I].Types).split(Types, ',');
    return llvm::is_contained(Types, Type);
  }
  return false;
}

bool ApiModel::succeedsOnType(StringRef Name, StringRef Type) {
  return typeCheckedRowAccepts(Name, Type, /*Subtype=*/false);
}

bool ApiModel::succeedsOnSubtype(StringRef Name, StringRef Type) {
  return typeCheckedRowAccepts(Name, Type, /*Subtype=*/true);
}

const ErrorSpec *ApiModel::lookupError(StringRef Name) const {
  auto It = Errors.find(Name);
  return It == Errors.end() ? nullptr : &It->second;
}

void ApiModel::addError(ErrorSpec Spec) {
  std::string Name = Spec.Name;
  auto It = Errors.find(Name);
  if (It != Errors.end() && Spec.From < It->second.From)
    return; // lower priority never overrides
  Errors[Name] = std::move(Spec);
}

void ApiModel::addInferred(FunctionSpec Spec, std::optional<ErrorKind> Error,
                           bool FailsOnlyOnMemory) {
  Spec.From = Source::Inferred;
  const FunctionSpec *Known = lookup(Spec.Name);
  if (Error && !lookupError(Spec.Name) &&
      (!Known || Known->From == Source::Inferred)) {
    ErrorSpec E;
    E.Name = Spec.Name;
    E.Kind = *Error;
    E.From = Source::Inferred;
    E.FailsOnlyOnMemory = FailsOnlyOnMemory;
    addError(std::move(E));
  }
  add(std::move(Spec));
}

std::vector<const ErrorSpec *> ApiModel::allErrors() const {
  std::vector<const ErrorSpec *> Out;
  for (const auto &E : Errors)
    Out.push_back(&E.second);
  llvm::sort(Out, [](const ErrorSpec *A, const ErrorSpec *B) {
    return A->Name < B->Name;
  });
  return Out;
}

ErrorKind ApiModel::errorKindOf(StringRef Name) const {
  if (const ErrorSpec *E = lookupError(Name))
    return E->Kind;
  const FunctionSpec *S = lookup(Name);
  if (!S)
    return ErrorKind::Unknown;
  if (!S->CanFail)
    return ErrorKind::NoEffect;
  // Inference read the failing paths and could not tell whether they set
  // an exception (some do, some may not): not the convention's guess.
  if (S->From == Source::Inferred)
    return ErrorKind::Unknown;
  switch (S->Return) {
  case ReturnKind::NewRef:
  case ReturnKind::Borrowed:
  case ReturnKind::Alias:
    return ErrorKind::NullSets;
  case ReturnKind::AlwaysNull:
    return ErrorKind::AlwaysSets;
  case ReturnKind::NotAnObject:
  case ReturnKind::Unknown:
    return ErrorKind::Unknown; // -1, 0, NULL: the table must say which
  }
  return ErrorKind::Unknown;
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
  if (A.ReturnsArg && *A.ReturnsArg > 0) {
    S.Return = ReturnKind::Alias;
    S.AliasArg = *A.ReturnsArg - 1;
  }
  if (!A.StealsArgs.empty() || !A.StealsArgsOnSuccess.empty() ||
      !A.StealsArgsOnFailure.empty()) {
    S.Steals.clear();
    for (unsigned N : A.StealsArgs)
      if (N > 0)
        S.Steals.push_back({N - 1, StealKind::Always});
    for (unsigned N : A.StealsArgsOnSuccess)
      if (N > 0)
        S.Steals.push_back({N - 1, StealKind::OnSuccess});
    for (unsigned N : A.StealsArgsOnFailure)
      if (N > 0)
        S.Steals.push_back({N - 1, StealKind::OnFailure});
  }
  if (!A.UnknownArgs.empty()) {
    S.UnknownArgs.clear();
    for (unsigned N : A.UnknownArgs)
      if (N > 0)
        S.UnknownArgs.push_back(N - 1);
  }
  if (A.CanFail)
    S.CanFail = *A.CanFail;
  if (!A.InferredFrom.empty())
    S.Origin = A.InferredFrom;
  S.From = Source::Config;
  if (A.Error) {
    ErrorSpec E;
    if (const ErrorSpec *Old = lookupError(A.Function))
      E = *Old;
    E.Name = A.Function;
    E.Kind = ErrorKind(*A.Error);
    E.From = Source::Config;
    addError(std::move(E));
  }
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

std::string ApiModel::fingerprint(bool WithInferred) const {
  SHA256 H;
  for (const FunctionSpec *S : all()) {
    if (!WithInferred && S->From == Source::Inferred)
      continue;
    H.update(S->Name);
    std::string Row = "|" + std::to_string(int(S->Return)) + "a" +
                      std::to_string(S->AliasArg) + "|" +
                      std::to_string(S->CanFail) + (S->FreshResult ? "f" : "") +
                      (S->FreshOrStatic ? "s|" : "|");
    for (auto [I, K] : S->Steals)
      Row += std::to_string(I) + ":" + std::to_string(int(K)) + ",";
    for (unsigned I : S->NewRefOutArgs)
      Row += "n" + std::to_string(I);
    for (unsigned I : S->InOutArgs)
      Row += "x" + std::to_string(I);
    for (unsigned I : S->ReplacedOnSuccessArgs)
      Row += "r" + std::to_string(I);
    for (unsigned I : S->BorrowedOutArgs)
      Row += "b" + std::to_string(I);
    if (S->ResultHeldBy)
      Row += "h" + std::to_string(*S->ResultHeldBy);
    if (S->OutNullGuard)
      Row += "g" + std::to_string(*S->OutNullGuard);
    for (unsigned I : S->OutSetWithGuard)
      Row += "v" + std::to_string(I);
    for (unsigned I : S->Keeps)
      Row += "k" + std::to_string(I);
    for (unsigned I : S->UnknownArgs)
      Row += "u" + std::to_string(I);
    Row += "|" + S->Origin;
    Row += "|" + std::to_string(int(S->Format)) + std::to_string(S->FormatArg);
    H.update(Row);
  }
  for (const ErrorSpec *E : allErrors()) {
    if (!WithInferred && E->From == Source::Inferred)
      continue;
    std::string Row = E->Name + "|e" + std::to_string(int(E->Kind));
    for (unsigned I : E->NonNullArgs)
      Row += "," + std::to_string(I);
    Row += "|" + std::to_string(E->FailsOnlyOnMemory) +
           std::to_string(E->ZeroOnSuccess) + std::to_string(E->AtMostOne) +
           std::to_string(E->MinusOne) + std::to_string(E->FailsIfExceptionSet);
    if (E->ResultIfArgNull)
      Row += "|n" + std::to_string(E->ResultIfArgNull->first) + "=" +
             std::to_string(E->ResultIfArgNull->second);
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
  using T = FormatArgType;
  std::vector<FormatItem> Items;
  Ok = true;
  auto Fail = [&] {
    Ok = false;
    Items.clear();
    return Items;
  };
  for (size_t I = 0; I < Fmt.size(); ++I) {
    char C = Fmt[I];
    size_t Start = I;
    auto Next = [&](char Want) {
      if (I + 1 < Fmt.size() && Fmt[I + 1] == Want) {
        ++I;
        return true;
      }
      return false;
    };
    FormatItem It;
    It.Code = C;
    // Sets the vararg types; NumArgs follows. ByValue marks the ones a parse
    // format takes by value rather than through a pointer.
    auto Types = [&](std::initializer_list<T> Ts,
                     std::initializer_list<bool> ByValue = {}) {
      It.ArgTypes.assign(Ts.begin(), Ts.end());
      It.NumArgs = It.ArgTypes.size();
      It.ByValue.assign(It.NumArgs, false);
      size_t K = 0;
      for (bool B : ByValue)
        It.ByValue[K++] = B;
    };
    if (Style == FormatStyle::BuildValue) {
      switch (C) {
      case '(': case ')': case '[': case ']': case '{': case '}':
      case ' ': case '\t': case ',': case ':':
        continue;
      case 'O':
        if (Next('&')) { Types({T::Converter, T::VoidPtr}); break; }
        It.IsObject = true;
        Types({T::Object});
        break;
      case 'S':
        It.IsObject = true;
        Types({T::Object});
        break;
      case 'N':
        It.IsObject = true;
        It.Steals = true;
        Types({T::Object});
        break;
      case 's': case 'z': case 'y': case 'U':
        if (Next('#')) Types({T::CharPtr, T::SSize});
        else Types({T::CharPtr});
        break;
      case 'u':
        if (Next('#')) Types({T::WCharPtr, T::SSize});
        else Types({T::WCharPtr});
        break;
      case 'i': case 'b': case 'h': case 'B': case 'H': case 'I': case 'c':
      case 'C': case 'p':
        Types({T::Int});
        break;
      case 'l': case 'k':
        Types({T::Long});
        break;
      case 'L': case 'K':
        Types({T::LongLong});
        break;
      case 'n':
        Types({T::SSize});
        break;
      case 'd': case 'f':
        Types({T::Double});
        break;
      case 'D':
        Types({T::Any}); // Py_complex *
        break;
      default:
        return Fail();
      }
    } else if (Style == FormatStyle::ParseArgs) {
      switch (C) {
      case '(': case ')': case '|': case '$':
        continue;
      case ':': case ';':
        return Items; // the rest is the function name / error message
      case 'O':
        if (Next('!')) {
          It.IsObject = true;
          It.ObjectArg = 1;
          Types({T::TypeObject, T::Object}, {true, false});
          break;
        }
        if (Next('&')) { Types({T::Converter, T::VoidPtr}, {true, true}); break; }
        It.IsObject = true;
        Types({T::Object});
        break;
      case 'S': case 'Y': case 'U':
        It.IsObject = true;
        Types({T::Object});
        break;
      case 's': case 'z': case 'y':
        if (Next('*')) { Types({T::Buffer}); break; }
        if (Next('#')) { Types({T::CharPtr, T::SSize}); break; }
        Types({T::CharPtr});
        break;
      case 'e':
        if (!Next('s') && !Next('t')) return Fail();
        // encoding (by value), char **buffer[, Py_ssize_t *length]
        if (Next('#')) Types({T::CharPtr, T::CharPtr, T::SSize}, {true});
        else Types({T::CharPtr, T::CharPtr}, {true});
        break;
      case 'w':
        if (!Next('*')) return Fail();
        Types({T::Buffer});
        break;
      case 'u': case 'Z':
        if (Next('#')) Types({T::WCharPtr, T::SSize});
        else Types({T::WCharPtr});
        break;
      case 'b': case 'B': case 'c':
        Types({T::Char});
        break;
      case 'h': case 'H':
        Types({T::Short});
        break;
      case 'i': case 'I': case 'C': case 'p':
        Types({T::Int});
        break;
      case 'l': case 'k':
        Types({T::Long});
        break;
      case 'L': case 'K':
        Types({T::LongLong});
        break;
      case 'n':
        Types({T::SSize});
        break;
      case 'f':
        Types({T::Float});
        break;
      case 'd':
        Types({T::Double});
        break;
      case 'D':
        Types({T::Complex});
        break;
      default:
        return Fail();
      }
    } else {
      return Fail(); // PyArg_UnpackTuple has no format
    }
    // The codes whose C type is unsigned (Py_BuildValue's 'B' and 'H' are
    // promoted to int, so only the wider ones count there).
    StringRef UnsignedCodes =
        Style == FormatStyle::BuildValue ? "IkK" : "bBHIkK";
    It.Unsigned = UnsignedCodes.contains(C);
    It.Spelling = Fmt.slice(Start, I + 1).str();
    Items.push_back(It);
  }
  return Items;
}
