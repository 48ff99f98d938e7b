//===- ProjectConfig.cpp - Reading .refcheck.yaml with llvm::yaml ---------===//
#include "refcheck/ProjectConfig.h"
#include "refcheck/Checker.h"
#include "refcheck/Review.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"

using namespace refcheck;
using namespace llvm;

namespace {
/// A check id, checked as it is read so the error points at it.
struct CheckName {
  std::string Id;
};
/// `steals-arg: 2` or `steals-arg: 2, 3`.
struct ArgNumbers {
  std::vector<unsigned> Args;
  bool operator==(const ArgNumbers &O) const { return Args == O.Args; }
};
struct RawChecks {
  std::optional<std::vector<CheckName>> Enable;
  std::vector<CheckName> Disable;
};
/// An error convention by name (`error: null-sets`).
struct ErrorName {
  ErrorKind Kind = ErrorKind::Unknown;
};
struct RawAnnotation {
  std::string Function;
  std::optional<ReturnKind> Returns;
  ArgNumbers StealsArg;
  ArgNumbers StealsArgOnSuccess;
  ArgNumbers StealsArgOnFailure;
  std::optional<unsigned> ReturnsArg;
  ArgNumbers UnknownArg;
  std::optional<bool> CanFail;
  std::optional<ErrorName> Error;
  std::string InferredFrom;
};
/// What --write-contracts writes: annotations only.
struct AnnotationsOnly {
  std::vector<RawAnnotation> Annotations;
};
struct RawConfig {
  RawChecks Checks;
  std::vector<RawAnnotation> Annotations;
  std::string Baseline;
  std::vector<std::string> Include, Exclude;
  std::optional<OutputFormat> Format;
};
} // namespace

LLVM_YAML_IS_SEQUENCE_VECTOR(CheckName)
LLVM_YAML_IS_SEQUENCE_VECTOR(RawAnnotation)

namespace llvm::yaml {
template <> struct ScalarTraits<CheckName> {
  static void output(const CheckName &C, void *, raw_ostream &OS) {
    OS << C.Id;
  }
  static StringRef input(StringRef S, void *, CheckName &C) {
    if (!isKnownCheck(S))
      return "unknown check (see refcheck --list-checks)";
    C.Id = S.str();
    return {};
  }
  static QuotingType mustQuote(StringRef) { return QuotingType::None; }
};
template <> struct ScalarTraits<ArgNumbers> {
  static void output(const ArgNumbers &A, void *, raw_ostream &OS) {
    for (unsigned I = 0; I < A.Args.size(); ++I)
      OS << (I ? ", " : "") << A.Args[I];
  }
  static StringRef input(StringRef S, void *, ArgNumbers &A) {
    SmallVector<StringRef, 4> Parts;
    S.split(Parts, ',');
    for (StringRef P : Parts) {
      unsigned N;
      if (P.trim().getAsInteger(10, N) || N == 0)
        return "expected argument numbers counted from 1, e.g. 2 or 1, 3";
      A.Args.push_back(N);
    }
    return {};
  }
  static QuotingType mustQuote(StringRef) { return QuotingType::None; }
};
template <> struct ScalarEnumerationTraits<ReturnKind> {
  static void enumeration(IO &io, ReturnKind &K) {
    io.enumCase(K, "new", ReturnKind::NewRef);
    io.enumCase(K, "borrowed", ReturnKind::Borrowed);
    io.enumCase(K, "none", ReturnKind::NotAnObject);
    io.enumCase(K, "null", ReturnKind::AlwaysNull);
    io.enumCase(K, "unknown", ReturnKind::Unknown);
  }
};
template <> struct ScalarTraits<ErrorName> {
  static void output(const ErrorName &E, void *, raw_ostream &OS) {
    OS << toString(E.Kind);
  }
  static StringRef input(StringRef S, void *, ErrorName &E) {
    std::optional<ErrorKind> K = errorKindNamed(S);
    if (!K)
      return "unknown error convention (null-sets, negative-sets, sets, "
             "null-no-exception, no-effect, ...; see docs/api-model.md)";
    E.Kind = *K;
    return {};
  }
  static QuotingType mustQuote(StringRef) { return QuotingType::None; }
};
template <> struct ScalarEnumerationTraits<OutputFormat> {
  static void enumeration(IO &io, OutputFormat &F) {
    io.enumCase(F, "text", OutputFormat::Text);
    io.enumCase(F, "json", OutputFormat::Json);
    io.enumCase(F, "sarif", OutputFormat::Sarif);
    io.enumCase(F, "github", OutputFormat::Github);
    io.enumCase(F, "html", OutputFormat::Html);
  }
};
template <> struct MappingTraits<RawChecks> {
  static void mapping(IO &io, RawChecks &C) {
    io.mapOptional("enable", C.Enable);
    io.mapOptional("disable", C.Disable);
  }
};
template <> struct MappingTraits<RawAnnotation> {
  static void mapping(IO &io, RawAnnotation &A) {
    io.mapRequired("function", A.Function);
    io.mapOptional("returns", A.Returns);
    io.mapOptional("steals-arg", A.StealsArg, ArgNumbers());
    io.mapOptional("steals-arg-on-success", A.StealsArgOnSuccess,
                   ArgNumbers());
    io.mapOptional("steals-arg-on-failure", A.StealsArgOnFailure,
                   ArgNumbers());
    io.mapOptional("returns-arg", A.ReturnsArg);
    io.mapOptional("unknown-arg", A.UnknownArg, ArgNumbers());
    io.mapOptional("can-fail", A.CanFail);
    io.mapOptional("error", A.Error);
    io.mapOptional("inferred-from", A.InferredFrom, std::string());
  }
  static std::string validate(IO &, RawAnnotation &A) {
    if (A.Function.empty())
      return "an annotation needs a function name";
    if (A.ReturnsArg && (*A.ReturnsArg == 0 || A.Returns))
      return "annotation of '" + A.Function +
             "': returns-arg takes an argument number counted from 1, "
             "instead of returns:";
    if (!A.Returns && !A.ReturnsArg && A.StealsArg.Args.empty() &&
        A.StealsArgOnSuccess.Args.empty() &&
        A.StealsArgOnFailure.Args.empty() && A.UnknownArg.Args.empty() &&
        !A.CanFail && !A.Error)
      return "annotation of '" + A.Function +
             "' says nothing: give returns: new|borrowed|none or steals-arg: N";
    return "";
  }
};
template <> struct MappingTraits<AnnotationsOnly> {
  static void mapping(IO &io, AnnotationsOnly &C) {
    io.mapRequired("annotations", C.Annotations);
  }
};
template <> struct MappingTraits<RawConfig> {
  static void mapping(IO &io, RawConfig &C) {
    io.mapOptional("checks", C.Checks);
    io.mapOptional("annotations", C.Annotations);
    io.mapOptional("baseline", C.Baseline);
    io.mapOptional("include", C.Include);
    io.mapOptional("exclude", C.Exclude);
    io.mapOptional("format", C.Format);
  }
};
} // namespace llvm::yaml

static ApiAnnotation fromRaw(const RawAnnotation &R) {
  ApiAnnotation A;
  A.Function = R.Function;
  A.Returns = R.Returns;
  A.StealsArgs = R.StealsArg.Args;
  A.StealsArgsOnSuccess = R.StealsArgOnSuccess.Args;
  A.StealsArgsOnFailure = R.StealsArgOnFailure.Args;
  A.ReturnsArg = R.ReturnsArg;
  A.UnknownArgs = R.UnknownArg.Args;
  A.CanFail = R.CanFail;
  if (R.Error)
    A.Error = uint8_t(R.Error->Kind);
  A.InferredFrom = R.InferredFrom;
  return A;
}

std::string refcheck::annotationsToYaml(ArrayRef<ApiAnnotation> Annotations) {
  AnnotationsOnly Raw;
  for (const ApiAnnotation &A : Annotations) {
    RawAnnotation R;
    R.Function = A.Function;
    R.Returns = A.Returns;
    R.StealsArg.Args = A.StealsArgs;
    R.StealsArgOnSuccess.Args = A.StealsArgsOnSuccess;
    R.StealsArgOnFailure.Args = A.StealsArgsOnFailure;
    R.ReturnsArg = A.ReturnsArg;
    R.UnknownArg.Args = A.UnknownArgs;
    R.CanFail = A.CanFail;
    if (A.Error)
      R.Error = ErrorName{ErrorKind(*A.Error)};
    R.InferredFrom = A.InferredFrom;
    Raw.Annotations.push_back(std::move(R));
  }
  std::string Text;
  raw_string_ostream OS(Text);
  yaml::Output Out(OS);
  Out << Raw;
  OS.flush();
  return Text;
}

static void collectDiag(const SMDiagnostic &D, void *Ctx) {
  auto *Out = static_cast<std::string *>(Ctx);
  if (!Out->empty())
    return; // the first problem is the one to fix
  *Out = (D.getFilename() + ":" + Twine(D.getLineNo()) + ":" +
          Twine(D.getColumnNo() + 1) + ": " + D.getMessage())
             .str();
}

Expected<ProjectConfig> refcheck::parseProjectConfig(StringRef Text,
                                                     StringRef Path) {
  std::string Diag;
  RawConfig Raw;
  if (!Text.trim().empty()) {
    yaml::Input In(MemoryBufferRef(Text, Path), nullptr, collectDiag, &Diag);
    In >> Raw;
    if (In.error() || !Diag.empty())
      return createStringError(
          inconvertibleErrorCode(),
          Diag.empty() ? (Path + ": not a valid refcheck config").str()
                       : Diag);
  }
  ProjectConfig C;
  C.Path = absolutePath(Path);
  C.Dir = sys::path::parent_path(C.Path).str();
  if (Raw.Checks.Enable)
    for (const CheckName &N : *Raw.Checks.Enable)
      C.EnabledChecks.push_back(N.Id);
  for (const CheckName &N : Raw.Checks.Disable)
    C.DisabledChecks.push_back(N.Id);
  if (Raw.Checks.Enable && Raw.Checks.Enable->empty())
    C.EnabledChecks.push_back(""); // `enable: []`: nothing runs
  for (RawAnnotation &A : Raw.Annotations)
    C.Annotations.push_back(fromRaw(A));
  if (!Raw.Baseline.empty()) {
    SmallString<256> B(Raw.Baseline);
    if (!sys::path::is_absolute(B)) {
      B = C.Dir;
      sys::path::append(B, Raw.Baseline);
    }
    C.Baseline = absolutePath(B);
  }
  for (auto *List : {&Raw.Include, &Raw.Exclude})
    for (const std::string &G : *List)
      if (Expected<GlobPattern> P = GlobPattern::create(G); !P)
        return createStringError(inconvertibleErrorCode(),
                                 Path + ": bad glob '" + G + "': " +
                                     toString(P.takeError()));
  C.Include = std::move(Raw.Include);
  C.Exclude = std::move(Raw.Exclude);
  C.Format = Raw.Format;
  return C;
}

Expected<ProjectConfig> refcheck::loadProjectConfig(StringRef Path) {
  auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return createStringError(Buf.getError(), "cannot read config '" + Path +
                                                 "': " +
                                                 Buf.getError().message());
  return parseProjectConfig((*Buf)->getBuffer(), Path);
}

std::optional<std::string> refcheck::findProjectConfig(StringRef Path) {
  SmallString<256> Dir(absolutePath(Path));
  if (!sys::fs::is_directory(Dir))
    sys::path::remove_filename(Dir);
  while (!Dir.empty()) {
    SmallString<256> Candidate(Dir);
    sys::path::append(Candidate, ".refcheck.yaml");
    if (sys::fs::exists(Candidate))
      return Candidate.str().str();
    StringRef Parent = sys::path::parent_path(Dir);
    if (Parent == Dir)
      break;
    Dir = Parent;
  }
  return std::nullopt;
}

static bool anyMatch(const std::vector<std::string> &Globs, StringRef Path) {
  for (const std::string &G : Globs)
    if (Expected<GlobPattern> P = GlobPattern::create(G)) {
      if (P->match(Path))
        return true;
    } else {
      consumeError(P.takeError());
    }
  return false;
}

bool ProjectConfig::selects(StringRef File) const {
  std::string Abs = absolutePath(File);
  StringRef Rel = Abs;
  if (!Dir.empty() && Rel.starts_with(Dir) &&
      Rel.drop_front(Dir.size()).starts_with("/"))
    Rel = Rel.drop_front(Dir.size() + 1);
  if (!Include.empty() && !anyMatch(Include, Rel))
    return false;
  return !anyMatch(Exclude, Rel);
}

bool ProjectConfig::checkEnabled(StringRef Check) const {
  if (!EnabledChecks.empty() && !llvm::is_contained(EnabledChecks, Check))
    return false;
  return !llvm::is_contained(DisabledChecks, Check);
}

void ProjectConfig::addAnnotationsTo(ApiModel &Model) const {
  for (const ApiAnnotation &A : Annotations)
    Model.addConfigFact(A);
}
