//===- FunctionCache.cpp - Findings kept per top-level function -----------===//
#include "FunctionCache.h"
#include "DriverInternal.h"
#include "refcheck/Report.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/FunctionSummary.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

using namespace clang;
using namespace llvm;
using namespace refcheck;

/// Files written by a different layout are ignored.
static constexpr int FunctionCacheFormat = 3;

//===----------------------------------------------------------------------===//
// Merging the batches
//===----------------------------------------------------------------------===//

static std::string placeKey(const ReportPlace &P) {
  return P.File + ":" + std::to_string(P.Line) + ":" + std::to_string(P.Column);
}

/// The order the analyzer's consumer hands its reports over in: by place,
/// then uniqueing place (a leak's allocation), places in the order the unit
/// reads them (Rank), then check, category and description, then what the
/// tag says and the path.
bool refcheck::reportOrder(const ReportCandidate &A, const ReportCandidate &B) {
  auto Key = [](const ReportCandidate &C) {
    std::string Steps;
    for (const PathStep &S : C.F.Path)
      Steps += std::to_string(S.Line) + ":" + std::to_string(S.Column) + " " +
               S.Message + "\n";
    return std::make_tuple(
        C.Places[1].Rank, C.Places[1].File, C.Places[1].Line,
        C.Places[1].Column, C.Places[2].Rank, C.Places[2].File,
        C.Places[2].Line, C.Places[2].Column, C.F.Check, C.Category,
        C.Description, C.F.Origin, C.F.ImpactCall, C.F.ImpactReason,
        C.DeclWithIssue, C.FullSize, std::move(Steps));
  };
  return Key(A) < Key(B);
}

std::vector<const ReportCandidate *>
refcheck::mergeBatches(const std::vector<ReportBatch> &Batches) {
  // The same report from two explorations: as the analyzer's consumer
  // keeps one of them, the first unless a later one has a shorter path.
  std::vector<const ReportCandidate *> Unique;
  std::map<std::string, size_t> Seen;
  for (const ReportBatch &B : Batches)
    for (const ReportCandidate &C : B.Reports) {
      std::string Key = placeKey(C.Places[1]) + "|" + placeKey(C.Places[2]) +
                        "|" + C.F.Check + "|" + C.Description + "|" +
                        C.Category;
      auto [It, New] = Seen.try_emplace(Key, Unique.size());
      if (New)
        Unique.push_back(&C);
      else if (C.FullSize < Unique[It->second]->FullSize)
        Unique[It->second] = &C;
    }
  // One variable leaking at one place is one finding, however many calls
  // could have made what it holds (an inlined helper whose paths return new
  // references from three different calls, `res` leaked at one `return`).
  // The checker says which reports are the same through the report tag's
  // SameAs key. The report kept is the one most users hit (every call
  // before error paths before allocation failures), then the one with the
  // shorter path.
  std::stable_sort(Unique.begin(), Unique.end(),
                   [](const ReportCandidate *A, const ReportCandidate *B) {
                     return reportOrder(*A, *B);
                   });
  std::vector<const ReportCandidate *> Out;
  std::map<std::string, size_t> Kept;
  auto Rank = [](const ReportCandidate *C) {
    return std::make_pair(static_cast<int>(C->F.Impact), C->PathSize);
  };
  // Keeps C under Key in Into, or the better of C and the one kept.
  auto KeepBest = [&](std::map<std::string, size_t> &Seen,
                      std::vector<const ReportCandidate *> &Into,
                      const std::string &Key, const ReportCandidate *C) {
    auto [It, New] = Seen.try_emplace(Key, Into.size());
    if (New)
      Into.push_back(C);
    else if (Rank(C) < Rank(Into[It->second]))
      Into[It->second] = C;
  };
  for (const ReportCandidate *C : Unique) {
    if (C->SameAs.empty())
      Out.push_back(C);
    else
      KeepBest(Kept, Out,
               placeKey(C->Places[1]) + "|" + C->DeclWithIssue + "|" +
                   C->F.Check + ";" + C->SameAs,
               C);
  }
  // Reports at one place with one finding id are one finding, whatever
  // their messages: the id is what suppressions and baselines name
  // (bitarray's `freeze_if_frozen(res)`, leaked on two paths of an inlined
  // helper, once while `res` held it and once after it no longer did). One
  // id at two places (a result left unchecked, used on two branches) stays
  // two findings.
  std::vector<const ReportCandidate *> ById;
  std::map<std::string, size_t> Ids;
  for (const ReportCandidate *C : Out) {
    if (C->F.Id.empty())
      ById.push_back(C);
    else
      KeepBest(Ids, ById, placeKey(C->Places[0]) + "|" + C->F.Id, C);
  }
  return ById;
}

//===----------------------------------------------------------------------===//
// Prints
//===----------------------------------------------------------------------===//

std::string refcheck::printDigest(StringRef Text) {
  BLAKE3 H;
  H.update(Text);
  return toHex(H.final<16>(), /*LowerCase=*/true);
}

std::string refcheck::contractPrint(const InferredContract &C) {
  // Where the function is, no: its text says what it is.
  std::string S;
  raw_string_ostream(S) << contractToJson(C, /*WithOrigin=*/false);
  return S;
}

/// Text without its comments, each run of blanks one space and each run
/// of blanks holding a line break one line break: a comment, or moving a
/// definition down or up by blank lines, changes nothing.
static void addFolded(BLAKE3 &H, StringRef Text) {
  std::string Out;
  Out.reserve(Text.size());
  bool Blank = false, Break = false;
  auto Flush = [&] {
    // None before the first token: a comment opening the file is nothing.
    if (Blank && !Out.empty())
      Out += Break ? '\n' : ' ';
    Blank = Break = false;
  };
  for (size_t I = 0; I < Text.size();) {
    char C = Text[I];
    if (isSpace(C)) {
      Blank = true;
      Break |= C == '\n';
      ++I;
    } else if (Text.substr(I).starts_with("//")) {
      size_t E = Text.find('\n', I);
      I = E == StringRef::npos ? Text.size() : E;
      Blank = true;
    } else if (Text.substr(I).starts_with("/*")) {
      size_t E = Text.find("*/", I + 2);
      for (size_t J = I; J < (E == StringRef::npos ? Text.size() : E); ++J)
        Break |= Text[J] == '\n';
      I = E == StringRef::npos ? Text.size() : E + 2;
      Blank = true;
    } else if (C == '"' || C == '\'') {
      // A literal, whole: what looks like a comment in it is not one.
      Flush();
      size_t J = I + 1;
      while (J < Text.size() && Text[J] != C && Text[J] != '\n')
        J += Text[J] == '\\' ? 2 : 1;
      J = std::min(J + 1, Text.size());
      Out += Text.slice(I, J);
      I = J;
    } else {
      Flush();
      Out += C;
      ++I;
    }
  }
  Flush();
  H.update(Out);
}

namespace {
/// The definitions of functions a body names or calls.
class NameCollector : public RecursiveASTVisitor<NameCollector> {
public:
  std::vector<const FunctionDecl *> Names;
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }
  void add(const FunctionDecl *FD) {
    if (FD)
      Names.push_back(FD);
  }
  void addDestructor(QualType T) {
    if (const CXXRecordDecl *RD =
            T->getBaseElementTypeUnsafe()->getAsCXXRecordDecl())
      if (RD->hasDefinition())
        add(RD->getDestructor());
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    add(dyn_cast<FunctionDecl>(E->getDecl()));
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) {
    add(dyn_cast<FunctionDecl>(E->getMemberDecl()));
    return true;
  }
  bool VisitCallExpr(CallExpr *E) {
    add(E->getDirectCallee());
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    add(E->getConstructor());
    addDestructor(E->getType());
    return true;
  }
  bool VisitCXXNewExpr(CXXNewExpr *E) {
    add(E->getOperatorNew());
    return true;
  }
  bool VisitCXXDeleteExpr(CXXDeleteExpr *E) {
    add(E->getOperatorDelete());
    addDestructor(E->getDestroyedType());
    return true;
  }
  bool VisitVarDecl(VarDecl *VD) {
    addDestructor(VD->getType());
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *E) {
    add(E->getCallOperator());
    return true;
  }
};

/// Every function definition of the unit, lambdas' and instantiations'
/// included.
class DefinitionFinder : public RecursiveASTVisitor<DefinitionFinder> {
public:
  std::vector<const FunctionDecl *> Found;
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBody() const { return true; }
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody() && !FD->isDependentContext())
      Found.push_back(FD);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *E) {
    if (CXXMethodDecl *MD = E->getCallOperator())
      if (!MD->isDependentContext())
        Found.push_back(MD);
    return true;
  }
};
} // namespace

std::string refcheck::declKey(const Decl *D) {
  if (!D)
    return "";
  SmallString<128> USR;
  if (!index::generateUSRForDecl(D, USR))
    return USR.str().str();
  if (const auto *ND = dyn_cast<NamedDecl>(D))
    return ND->getQualifiedNameAsString();
  return "";
}

void UnitIndex::build(CompilerInstance &CI) {
  if (SM)
    return;
  SM = &CI.getSourceManager();
  DefinitionFinder Finder;
  Finder.TraverseDecl(CI.getASTContext().getTranslationUnitDecl());
  // Per file, the ranges of its definitions, which the unit's print leaves
  // out.
  std::map<FileID, std::vector<std::pair<unsigned, unsigned>>> Ranges;
  for (const FunctionDecl *FD : Finder.Found) {
    const Decl *Canon = FD->getCanonicalDecl();
    if (DefOf.count(Canon))
      continue;
    Definition Def;
    Def.Decl = FD;
    Def.Key = declKey(FD);
    SourceRange R = FD->getSourceRange();
    SourceLocation B = SM->getExpansionLoc(R.getBegin());
    SourceLocation E = SM->getExpansionRange(R.getEnd()).getEnd();
    bool HasText = !FD->isImplicit() && B.isValid() && E.isValid() &&
                   SM->getFileID(B) == SM->getFileID(E);
    if (HasText) {
      Def.File = SM->getFileID(B);
      Def.Begin = SM->getFileOffset(B);
      Def.End = SM->getFileOffset(E) +
                Lexer::MeasureTokenLength(E, *SM, CI.getLangOpts());
      Def.System = SM->isInSystemHeader(B);
      bool Invalid = false;
      StringRef Buf = SM->getBufferData(Def.File, &Invalid);
      if (Invalid || Def.End > Buf.size() || Def.Begin > Def.End) {
        HasText = false;
      } else {
        Def.Text = printDigest(Buf.slice(Def.Begin, Def.End));
        Def.Line = SM->getPresumedLineNumber(B);
        if (!Def.System)
          Ranges[Def.File].push_back({Def.Begin, Def.End});
      }
    }
    if (!HasText)
      Def.Text = FD->isImplicit() ? "implicit" : "";
    NameCollector Names;
    Names.TraverseDecl(const_cast<FunctionDecl *>(FD));
    Def.Names = std::move(Names.Names);
    if (Def.Key.empty())
      continue;
    DefOf[Canon] = Defs.size();
    DefByKey.try_emplace(Def.Key, Defs.size());
    Defs.push_back(std::move(Def));
  }

  // The rest of the unit. Every file the unit read, by absolute name (a
  // parse with a prefix PCH lists the headers the PCH read, one without
  // lists them as it reads them: the same files, named the same way here).
  BLAKE3 H;
  std::vector<InputFile> Inputs;
  recordInputs(CI, &Inputs);
  makeInputsAbsolute(Inputs, Directory);
  llvm::sort(Inputs, [](const InputFile &A, const InputFile &B) {
    return std::tie(A.Path, A.Hash) < std::tie(B.Path, B.Hash);
  });
  Inputs.erase(llvm::unique(Inputs,
                            [](const InputFile &A, const InputFile &B) {
                              return A.Path == B.Path && A.Hash == B.Hash;
                            }),
               Inputs.end());
  StringSet<> Folded;
  for (auto &[FID, Rs] : Ranges) {
    OptionalFileEntryRef FE = SM->getFileEntryRefForID(FID);
    if (!FE)
      continue;
    std::string Name = absolutePath(FE->getName(), Directory);
    Folded.insert(Name);
    llvm::sort(Rs);
    StringRef Buf = SM->getBufferData(FID);
    H.update("file " + Name + "\n");
    unsigned At = 0;
    for (auto [B, E] : Rs) {
      if (B > At)
        addFolded(H, Buf.slice(At, B));
      At = std::max(At, E);
    }
    addFolded(H, Buf.substr(At));
  }
  for (const InputFile &In : Inputs)
    if (!Folded.contains(In.Path))
      H.update(In.Path + " " + In.Hash + "\n");
  BasePrint = toHex(H.final<16>(), /*LowerCase=*/true);
}

void UnitIndex::clear() {
  SM = nullptr;
  Defs.clear();
  DefOf.clear();
  DefByKey.clear();
}

const UnitIndex::Definition *UnitIndex::definitionOf(const Decl *D) const {
  if (!D)
    return nullptr;
  auto It = DefOf.find(D->getCanonicalDecl());
  return It == DefOf.end() ? nullptr : &Defs[It->second];
}

const UnitIndex::Definition *UnitIndex::byKey(StringRef Key) const {
  auto It = DefByKey.find(Key);
  return It == DefByKey.end() ? nullptr : &Defs[It->second];
}

std::optional<std::vector<unsigned>>
UnitIndex::closure(const FunctionDecl *FD,
                   ArrayRef<std::string> Inlined) const {
  const Definition *Start = definitionOf(FD);
  if (!Start)
    return std::nullopt;
  // The functions the exploration went into: their text, and the text of
  // every function they name (one it did not go into may be entered once
  // its text changes; what that one names is not read).
  std::vector<unsigned> Entered{indexOf(Start)};
  for (const std::string &K : Inlined) {
    const Definition *D = byKey(K);
    if (!D)
      return std::nullopt; // inlined a function the unit no longer defines
    Entered.push_back(indexOf(D));
  }
  std::vector<bool> In(Defs.size(), false);
  std::vector<unsigned> Closure;
  auto Add = [&](unsigned I) {
    if (!In[I]) {
      In[I] = true;
      Closure.push_back(I);
    }
  };
  for (unsigned I : Entered) {
    Add(I);
    for (const FunctionDecl *N : Defs[I].Names)
      if (const Definition *D = definitionOf(N))
        Add(indexOf(D));
  }
  for (unsigned I : Closure)
    if (Defs[I].Text.empty())
      return std::nullopt; // a definition whose text is not at hand
  llvm::sort(Closure);
  return Closure;
}

std::vector<UnitIndex::Memory>
UnitIndex::memoryOf(ento::FunctionSummariesTy &S) const {
  std::vector<Memory> Out(Defs.size());
  for (size_t I = 0; I < Defs.size(); ++I) {
    std::optional<bool> May = S.mayInline(Defs[I].Decl);
    Out[I].NoInline = May && !*May;
    Out[I].Inlined = S.getNumTimesInlined(Defs[I].Decl);
  }
  return Out;
}

std::vector<UnitIndex::Mark>
UnitIndex::marksBetween(const std::vector<Memory> &Before,
                        const std::vector<Memory> &After,
                        std::vector<std::string> *Entered) const {
  std::vector<Mark> Out;
  if (Before.size() != Defs.size() || After.size() != Defs.size())
    return Out;
  for (size_t I = 0; I < Defs.size(); ++I) {
    Mark M{Defs[I].Key, After[I].NoInline && !Before[I].NoInline,
           After[I].Inlined - std::min(After[I].Inlined, Before[I].Inlined)};
    if (M.Inlined && Entered)
      Entered->push_back(M.Key);
    if (M.NoInline || M.Inlined)
      Out.push_back(std::move(M));
  }
  return Out;
}

bool UnitIndex::applyMarks(ento::FunctionSummariesTy &S,
                           const std::vector<Mark> &Marks) const {
  std::vector<const Decl *> Ds;
  for (const Mark &M : Marks) {
    const Definition *D = byKey(M.Key);
    if (!D)
      return false;
    Ds.push_back(D->Decl);
  }
  for (size_t I = 0; I < Marks.size(); ++I) {
    if (Marks[I].NoInline)
      S.markShouldNotInline(Ds[I]);
    for (unsigned N = 0; N < Marks[I].Inlined; ++N)
      S.bumpNumTimesInlined(Ds[I]);
  }
  return true;
}

std::string UnitIndex::memoryLine(const Memory &M, unsigned Limit) {
  return "memory " + std::to_string(M.NoInline) + " " +
         std::to_string(std::min(M.Inlined, Limit));
}

json::Array UnitIndex::marksJson(const std::vector<Mark> &Marks) {
  json::Array A;
  for (const Mark &M : Marks)
    A.push_back(json::Array{M.Key, M.NoInline, M.Inlined});
  return A;
}

std::optional<std::vector<UnitIndex::Mark>>
UnitIndex::marksFromJson(const json::Array *A) {
  if (!A)
    return std::nullopt;
  std::vector<Mark> Out;
  for (const json::Value &V : *A) {
    const json::Array *M = V.getAsArray();
    if (!M || M->size() != 3 || !(*M)[0].getAsString())
      return std::nullopt;
    Out.push_back({(*M)[0].getAsString()->str(),
                   (*M)[1].getAsBoolean().value_or(false),
                   unsigned((*M)[2].getAsInteger().value_or(0))});
  }
  return Out;
}

FunctionCache::FunctionCache(std::string Path, UnitIndex &Index)
    : Path(std::move(Path)), Index(Index) {
  Batches.emplace_back();
}

void FunctionCache::setUnit(CompilerInstance &CI,
                            const StringMap<const InferredContract *> *OwnC,
                            std::string ModelPrint) {
  Index.build(CI);
  Own = OwnC;
  InlineLimit = CI.getAnalyzerOpts().MaxTimesInlineLarge;
  BLAKE3 H;
  H.update(ModelPrint);
  H.update("\n");
  // The contracts of other files' functions the analysis holds as
  // annotations (C++ members).
  if (Own) {
    StringSet<> Defined;
    for (const UnitIndex::Definition &D : Index.definitions()) {
      Defined.insert(D.Decl->getNameAsString());
      Defined.insert(D.Decl->getQualifiedNameAsString());
    }
    std::vector<std::string> Others;
    for (const auto &E : *Own)
      if (!Defined.contains(E.getKey()) && E.getValue())
        Others.push_back(E.getKey().str() + "=" + contractPrint(*E.getValue()));
    llvm::sort(Others);
    for (const std::string &S : Others)
      H.update(S + "\n");
  }
  H.update(Index.basePrint());
  UnitPrint = toHex(H.final<16>(), /*LowerCase=*/true);
  Ready = !Path.empty();
  if (Ready)
    load();
}

std::string
FunctionCache::printOf(const FunctionDecl *FD, ArrayRef<std::string> Inlined,
                       const std::vector<UnitIndex::Memory> &Start) const {
  std::optional<std::vector<unsigned>> Closure = Index.closure(FD, Inlined);
  if (!Closure)
    return "";
  const auto &Defs = Index.definitions();
  std::vector<std::string> Lines;
  // Each function's text, and what the engine then remembered of it.
  for (unsigned I : *Closure)
    Lines.push_back(Defs[I].Key + " " + Defs[I].Text +
                    (I < Start.size()
                         ? " " + UnitIndex::memoryLine(Start[I], InlineLimit)
                         : ""));
  // The contracts the analysis holds for the functions of the closure: the
  // unit's own, which a warm run infers again, and which may change with
  // what the function calls in other files.
  if (Own)
    for (unsigned I : *Closure) {
      const FunctionDecl *Fn = Defs[I].Decl;
      for (std::string Name :
           {Fn->getNameAsString(), Fn->getQualifiedNameAsString()}) {
        auto It = Own->find(Name);
        if (It == Own->end() || !It->getValue())
          continue;
        Lines.push_back("contract " + Name + " " +
                        contractPrint(*It->getValue()));
        break;
      }
    }
  llvm::sort(Lines);
  BLAKE3 H;
  H.update(UnitPrint);
  for (const std::string &L : Lines)
    H.update(L + "\n");
  return toHex(H.final<16>(), /*LowerCase=*/true);
}

//===----------------------------------------------------------------------===//
// Places
//===----------------------------------------------------------------------===//

ReportPlace UnitIndex::place(SourceLocation L, std::string File, unsigned Line,
                             unsigned Column) const {
  ReportPlace P{std::move(File), Line, Column, "", false};
  if (L.isInvalid() || !SM)
    return P;
  SourceLocation E = SM->getExpansionLoc(L);
  if (SM->isInSystemHeader(E))
    return P;
  FileID FID = SM->getFileID(E);
  unsigned Off = SM->getFileOffset(E);
  const Definition *Best = nullptr;
  for (const Definition &D : Defs)
    if (!D.System && D.File == FID && D.Begin <= Off && Off < D.End &&
        (!Best || D.Begin >= Best->Begin))
      Best = &D;
  if (Best)
    P.Anchor = Best->Key;
  else
    P.Unanchored = true;
  return P;
}

bool FunctionCache::rebase(ReportCandidate &C) const {
  for (ReportPlace &P : C.Places) {
    if (P.Anchor.empty())
      continue;
    const UnitIndex::Definition *D = Index.byKey(P.Anchor);
    if (!D || D->System)
      return false;
    P.Line += D->Line;
  }
  if (C.Places.size() != 3 + C.F.Path.size())
    return false;
  C.F.File = C.Places[0].File;
  C.F.Line = C.Places[0].Line;
  C.F.Column = C.Places[0].Column;
  for (size_t I = 0; I < C.F.Path.size(); ++I) {
    C.F.Path[I].File = C.Places[3 + I].File;
    C.F.Path[I].Line = C.Places[3 + I].Line;
    C.F.Path[I].Column = C.Places[3 + I].Column;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// The explorations
//===----------------------------------------------------------------------===//

void FunctionCache::endExploration() {
  if (Current.empty())
    return;
  auto It = Made.find(Current);
  Current.clear();
  if (It == Made.end() || !Memory)
    return;
  It->second.Marks =
      Index.marksBetween(It->second.Start, Index.memoryOf(*Memory), nullptr);
}

bool FunctionCache::beginTopLevel(const Decl *D,
                                  ento::FunctionSummariesTy *Mem) {
  if (Harvest)
    Harvest();
  endExploration();
  if (Mem)
    Memory = Mem;
  const UnitIndex::Definition *Def = Index.definitionOf(D);
  std::string Key = Def ? Def->Key : "";
  ReportBatch &B = Batches.emplace_back();
  B.Top = Key;
  if (Ready && InlinedByReused.contains(Key)) {
    // A reused exploration went into it: the cold run explored it there,
    // not as a top-level function.
    B.Reused = true;
    return true;
  }
  std::vector<UnitIndex::Memory> Start;
  if (Ready && Memory)
    Start = Index.memoryOf(*Memory);
  if (Ready && !Key.empty()) {
    auto It = Previous.find(Key);
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (It != Previous.end() && FD) {
      Stored &P = It->second;
      std::string Print = printOf(FD, P.Inlined, Start);
      std::vector<ReportCandidate> Back = P.Reports;
      bool Ok = !Print.empty() && Print == P.Print;
      for (ReportCandidate &C : Back)
        Ok = Ok && rebase(C);
      // What the exploration taught the engine, taught again.
      Ok = Ok && (!Memory || Index.applyMarks(*Memory, P.Marks));
      if (Ok) {
        B.Reports = std::move(Back);
        B.Reused = true;
        for (const std::string &K : P.Inlined)
          InlinedByReused.insert(K);
        Made[Key] = P;
        ++Reused;
        return true;
      }
    }
  }
  if (!Key.empty()) {
    Stored &S = Made[Key] = Stored();
    S.Start = std::move(Start);
    if (Ready)
      Current = Key;
  }
  ++Explored;
  return false;
}

void FunctionCache::inlined(const Decl *Top, const Decl *Callee) {
  const UnitIndex::Definition *T = Index.definitionOf(Top);
  const UnitIndex::Definition *C = Index.definitionOf(Callee);
  if (!T || !C)
    return;
  auto It = Made.find(T->Key);
  if (It == Made.end())
    return;
  std::vector<std::string> &In = It->second.Inlined;
  if (!llvm::is_contained(In, C->Key))
    In.push_back(C->Key);
}

//===----------------------------------------------------------------------===//
// The file
//===----------------------------------------------------------------------===//

static json::Array placeJson(const ReportPlace &P) {
  return json::Array{P.File, P.Line, P.Column, P.Anchor};
}

static json::Object reportJson(const ReportCandidate &C, json::Array Places) {
  return json::Object{
      {"finding", findingJson(C.F)},  {"places", std::move(Places)},
      {"description", C.Description}, {"category", C.Category},
      {"decl", C.DeclWithIssue},      {"same", C.SameAs},
      {"full_size", C.FullSize},      {"path_size", C.PathSize}};
}

std::optional<json::Object> refcheck::readCacheFile(StringRef Path,
                                                    int Format) {
  auto Buf = MemoryBuffer::getFile(Path);
  if (!Buf)
    return std::nullopt;
  Expected<json::Value> V = json::parse((*Buf)->getBuffer());
  if (!V) {
    consumeError(V.takeError());
    return std::nullopt;
  }
  json::Object *Doc = V->getAsObject();
  if (!Doc || Doc->getInteger("format") != Format)
    return std::nullopt;
  return std::move(*Doc);
}

void refcheck::writeCacheFile(StringRef Path, StringRef Text) {
  if (sys::fs::create_directories(sys::path::parent_path(Path)))
    return;
  consumeError(writeToOutput(Path, [&](raw_ostream &OS) {
    OS << Text;
    return Error::success();
  }));
}

void FunctionCache::load() {
  std::optional<json::Object> Doc = readCacheFile(Path, FunctionCacheFormat);
  const json::Array *Fns = Doc ? Doc->getArray("functions") : nullptr;
  if (!Fns)
    return;
  for (const json::Value &FV : *Fns) {
    const json::Object *F = FV.getAsObject();
    std::optional<StringRef> Key = F ? F->getString("key") : std::nullopt;
    std::optional<StringRef> Print = F ? F->getString("print") : std::nullopt;
    const json::Array *Reports = F ? F->getArray("reports") : nullptr;
    if (!Key || !Print || !Reports)
      continue;
    Stored S;
    S.Print = Print->str();
    if (const json::Array *In = F->getArray("inlined"))
      for (const json::Value &K : *In)
        if (auto KS = K.getAsString())
          S.Inlined.push_back(KS->str());
    std::optional<std::vector<UnitIndex::Mark>> Marks =
        UnitIndex::marksFromJson(F->getArray("marks"));
    if (!Marks)
      continue;
    S.Marks = std::move(*Marks);
    bool Ok = true;
    for (const json::Value &RV : *Reports) {
      const json::Object *R = RV.getAsObject();
      const json::Object *FO = R ? R->getObject("finding") : nullptr;
      const json::Array *Places = R ? R->getArray("places") : nullptr;
      Expected<Finding> Fd = FO ? findingFromJson(*FO)
                                : Expected<Finding>(createStringError(
                                      inconvertibleErrorCode(), "no finding"));
      if (!Fd || !Places) {
        if (!Fd)
          consumeError(Fd.takeError());
        Ok = false;
        break;
      }
      ReportCandidate C;
      C.F = std::move(*Fd);
      for (const json::Value &PV : *Places) {
        const json::Array *A = PV.getAsArray();
        if (!A || A->size() != 4) {
          Ok = false;
          break;
        }
        C.Places.push_back({(*A)[0].getAsString().value_or("").str(),
                            unsigned((*A)[1].getAsInteger().value_or(0)),
                            unsigned((*A)[2].getAsInteger().value_or(0)),
                            (*A)[3].getAsString().value_or("").str(), false});
      }
      C.Description = R->getString("description").value_or("").str();
      C.Category = R->getString("category").value_or("").str();
      C.DeclWithIssue = R->getString("decl").value_or("").str();
      C.SameAs = R->getString("same").value_or("").str();
      C.FullSize = R->getInteger("full_size").value_or(0);
      C.PathSize = R->getInteger("path_size").value_or(0);
      if (!Ok || C.Places.size() != 3 + C.F.Path.size()) {
        Ok = false;
        break;
      }
      S.Reports.push_back(std::move(C));
    }
    if (Ok)
      Previous[*Key] = std::move(S);
  }
}

void FunctionCache::finish() {
  endExploration();
  if (!Ready) {
    Index.clear();
    return;
  }
  StringMap<const ReportBatch *> BatchOf;
  for (const ReportBatch &B : Batches)
    if (!B.Top.empty())
      BatchOf[B.Top] = &B;
  std::vector<std::string> Keys;
  for (const auto &E : Made)
    Keys.push_back(E.getKey().str());
  llvm::sort(Keys);
  json::Array Fns;
  for (const std::string &Key : Keys) {
    const Stored &S = Made.find(Key)->second;
    const ReportBatch *B = BatchOf.lookup(Key);
    if (!B)
      continue;
    std::vector<std::string> Inlined = S.Inlined;
    llvm::sort(Inlined);
    // A reused batch is kept as it was read: its lines count from the start
    // of the function each place lies in already. An explored one's are
    // made so; a place in no definition keeps the batch out.
    std::string Print = S.Print;
    if (!B->Reused) {
      const UnitIndex::Definition *D = Index.byKey(Key);
      Print = D ? printOf(D->Decl, Inlined, S.Start) : "";
    }
    auto Relative = [&](ReportPlace P) -> std::optional<ReportPlace> {
      if (B->Reused)
        return P;
      if (P.Unanchored)
        return std::nullopt;
      if (P.Anchor.empty())
        return P;
      const UnitIndex::Definition *A = Index.byKey(P.Anchor);
      if (!A || P.Line < A->Line)
        return std::nullopt;
      P.Line -= A->Line;
      return P;
    };
    json::Array Reports;
    bool Ok = true;
    for (const ReportCandidate &C : B->Reused ? S.Reports : B->Reports) {
      json::Array Places;
      for (const ReportPlace &P : C.Places) {
        std::optional<ReportPlace> R = Relative(P);
        Ok = Ok && R;
        if (R)
          Places.push_back(placeJson(*R));
      }
      Reports.push_back(reportJson(C, std::move(Places)));
    }
    if (!Ok || Print.empty())
      continue;
    Fns.push_back(json::Object{{"key", Key},
                               {"print", Print},
                               {"inlined", json::Array(Inlined)},
                               {"marks", UnitIndex::marksJson(S.Marks)},
                               {"reports", std::move(Reports)}});
  }
  Text.clear();
  raw_string_ostream(Text) << json::Value(json::Object{
      {"format", FunctionCacheFormat}, {"functions", std::move(Fns)}});
  // The AST is gone after the unit: nothing may point into it.
  Ready = false;
  Own = nullptr;
  Memory = nullptr;
  Index.clear();
}

void FunctionCache::save() const {
  if (!Text.empty())
    writeCacheFile(Path, Text);
}
