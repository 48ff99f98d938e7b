//===- InferenceCache.cpp - Contract inference kept per function ----------===//
#include "InferenceCache.h"

#include "clang/AST/Decl.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/FunctionSummary.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace llvm;
using namespace refcheck;

/// Files written by a different layout are ignored.
static constexpr int InferenceCacheFormat = 1;

static void addSet(BLAKE3 &H, StringRef What, const StringSet<> *Set) {
  H.update(What);
  if (!Set)
    return;
  std::vector<StringRef> Names;
  for (const auto &E : *Set)
    Names.push_back(E.getKey());
  llvm::sort(Names);
  for (StringRef N : Names) {
    H.update(" ");
    H.update(N);
  }
  H.update("\n");
}

//===----------------------------------------------------------------------===//
// A phase
//===----------------------------------------------------------------------===//

void InferencePhase::attach(std::function<void(const InferenceStep &)> A,
                            const StringMap<InferredContract> *K) {
  Apply = std::move(A);
  Known = K;
}

void InferencePhase::begin(CompilerInstance &CI, const CheckerConfig &C,
                           ento::FunctionSummariesTy &S) {
  Cache.Index.build(CI);
  Cfg = &C;
  Summaries = &S;
  InlineLimit = CI.getAnalyzerOpts().MaxTimesInlineLarge;
  BLAKE3 H;
  H.update(Name + "\n");
  H.update(C.Model ? C.Model->fingerprint() : "");
  H.update("\n" + Cache.Index.basePrint() + "\n");
  H.update(std::to_string(C.InferUnitLocal) +
           std::to_string(C.InferUnitLocalOnly) + "\n");
  addSet(H, "project", C.ProjectFunctions);
  addSet(H, "only", C.InferOnly);
  addSet(H, "redo", C.HelperRedo);
  PhasePrint = toHex(H.final<16>(), /*LowerCase=*/true);
  auto It = Cache.Loaded.find(Name);
  if (It != Cache.Loaded.end()) {
    Previous = std::move(It->second);
    Cache.Loaded.erase(It);
  }
}

std::string
InferencePhase::printOf(const Decl *D, ArrayRef<std::string> Inlined,
                        const std::vector<UnitIndex::Memory> &At) const {
  const auto *FD = dyn_cast<FunctionDecl>(D);
  std::optional<std::vector<unsigned>> Closure =
      FD ? Cache.Index.closure(FD, Inlined) : std::nullopt;
  if (!Closure)
    return "";
  const auto &Defs = Cache.Index.definitions();
  BLAKE3 H;
  H.update(PhasePrint);
  for (unsigned I : *Closure) {
    const UnitIndex::Definition &Def = Defs[I];
    H.update(Def.Key + " " + Def.Text + " " +
             UnitIndex::memoryLine(At[I], InlineLimit) + "\n");
    std::string Name = contractName(Def.Decl);
    if (Known)
      if (auto It = Known->find(Name); It != Known->end())
        H.update("known " + contractPrint(It->second) + "\n");
    if (Cfg->UnitHelpers)
      if (auto It = Cfg->UnitHelpers->find(Name);
          It != Cfg->UnitHelpers->end() && It->second)
        H.update("helper " + contractPrint(*It->second) + "\n");
  }
  // Calls through a callback field read the contract of every function
  // stored there.
  if (Known) {
    std::vector<std::string> Fields;
    for (const auto &E : *Known)
      if (isCallbackFieldKey(E.getKey()))
        Fields.push_back(E.getKey().str() + " " + contractPrint(E.getValue()));
    llvm::sort(Fields);
    for (const std::string &F : Fields)
      H.update("field " + F + "\n");
  }
  return toHex(H.final<16>(), /*LowerCase=*/true);
}

bool InferencePhase::replay(const Decl *D, bool &CutShort) {
  if (!Summaries || !Apply || Previous.empty())
    return false;
  const UnitIndex::Definition *Def = Cache.Index.definitionOf(D);
  if (!Def)
    return false;
  auto It = Previous.find(Def->Key);
  if (It == Previous.end())
    return false;
  const Record &R = It->second;
  std::string Print = printOf(D, R.Inlined, Cache.Index.memoryOf(*Summaries));
  if (Print.empty() || Print != R.Print ||
      !Cache.Index.applyMarks(*Summaries, R.Marks))
    return false;
  // The contracts' origins move with the function.
  InferenceStep S = R.Step;
  for (size_t I = 0; I < S.Changes.size() && I < R.Origins.size(); ++I)
    if (!R.Origins[I].first.empty())
      S.Changes[I].C.Spec.Origin =
          R.Origins[I].first + ":" +
          std::to_string(int(Def->Line) + R.Origins[I].second);
  Apply(S);
  CutShort = R.CutShort;
  Made[Def->Key] = R;
  ++Cache.Reused;
  return true;
}

void InferencePhase::beforeExplore(const Decl *) {
  Pending.reset();
  if (Summaries)
    Start = Cache.Index.memoryOf(*Summaries);
}

void InferencePhase::explored(const Decl *Top, const InferenceStep &Step) {
  const UnitIndex::Definition *Def = Cache.Index.definitionOf(Top);
  if (!Def || !Summaries || Start.size() != Cache.Index.definitions().size())
    return;
  Record R;
  R.Marks = Cache.Index.marksBetween(Start, Cache.Index.memoryOf(*Summaries),
                                     &R.Inlined);
  llvm::sort(R.Inlined);
  R.Print = printOf(Top, R.Inlined, Start);
  R.Step = Step;
  for (InferenceStep::Change &Ch : R.Step.Changes) {
    auto [File, Line] = StringRef(Ch.C.Spec.Origin).rsplit(':');
    int N = 0;
    if (!Ch.C.Spec.Origin.empty() && !Line.getAsInteger(10, N))
      R.Origins.push_back({File.str(), N - int(Def->Line)});
    else
      R.Origins.push_back({"", 0});
    Ch.C.Spec.Origin.clear();
  }
  Pending = std::move(R);
}

void InferencePhase::afterExplore(const Decl *D, bool CutShort) {
  const UnitIndex::Definition *Def = Cache.Index.definitionOf(D);
  if (!Pending || !Def) {
    Pending.reset();
    return;
  }
  Pending->CutShort = CutShort;
  ++Cache.Explored;
  if (!Pending->Print.empty())
    Made[Def->Key] = std::move(*Pending);
  Pending.reset();
}

//===----------------------------------------------------------------------===//
// The file
//===----------------------------------------------------------------------===//

static const char *kindName(InferenceStep::Kind K) {
  switch (K) {
  case InferenceStep::Kind::Set:
    return "set";
  case InferenceStep::Kind::Keep:
    return "keep";
  case InferenceStep::Kind::MergeField:
    return "merge-field";
  case InferenceStep::Kind::Waited:
    return "waited";
  }
  return "";
}

static std::optional<InferenceStep::Kind> kindFromName(StringRef S) {
  for (auto K : {InferenceStep::Kind::Set, InferenceStep::Kind::Keep,
                 InferenceStep::Kind::MergeField, InferenceStep::Kind::Waited})
    if (S == kindName(K))
      return K;
  return std::nullopt;
}

InferenceCache::InferenceCache(std::string Path, UnitIndex &Index)
    : Path(std::move(Path)), Index(Index) {
  if (!this->Path.empty())
    load();
}

InferencePhase &InferenceCache::phase(StringRef Name) {
  for (auto &P : Phases)
    if (P->Name == Name)
      return *P;
  Phases.push_back(std::make_unique<InferencePhase>(*this, Name.str()));
  return *Phases.back();
}

void InferenceCache::load() {
  std::optional<json::Object> Doc = readCacheFile(Path, InferenceCacheFormat);
  const json::Object *Ps = Doc ? Doc->getObject("phases") : nullptr;
  if (!Ps)
    return;
  for (const auto &[PhaseName, PV] : *Ps) {
    const json::Array *Fns = PV.getAsArray();
    if (!Fns)
      continue;
    StringMap<InferencePhase::Record> &Into = Loaded[PhaseName.str()];
    for (const json::Value &FV : *Fns) {
      const json::Object *F = FV.getAsObject();
      std::optional<StringRef> Key = F ? F->getString("key") : std::nullopt;
      std::optional<StringRef> Print = F ? F->getString("print") : std::nullopt;
      const json::Array *Changes = F ? F->getArray("changes") : nullptr;
      const json::Array *Marks = F ? F->getArray("marks") : nullptr;
      const json::Array *Inlined = F ? F->getArray("inlined") : nullptr;
      if (!Key || !Print || !Changes || !Marks || !Inlined)
        continue;
      InferencePhase::Record R;
      R.Print = Print->str();
      R.CutShort = F->getBoolean("cut_short").value_or(false);
      bool Ok = true;
      for (const json::Value &K : *Inlined)
        if (auto S = K.getAsString())
          R.Inlined.push_back(S->str());
      std::optional<std::vector<UnitIndex::Mark>> Ms =
          UnitIndex::marksFromJson(Marks);
      if (!Ms)
        continue;
      R.Marks = std::move(*Ms);
      for (const json::Value &CV : *Changes) {
        const json::Object *C = CV.getAsObject();
        std::optional<InferenceStep::Kind> K =
            C ? kindFromName(C->getString("kind").value_or("")) : std::nullopt;
        const json::Value *Contract = C ? C->get("contract") : nullptr;
        std::optional<InferredContract> IC =
            Contract ? contractFromJson(*Contract) : std::nullopt;
        if (!K || !IC) {
          Ok = false;
          break;
        }
        R.Step.Changes.push_back({*K, std::move(*IC)});
        R.Origins.push_back({C->getString("origin").value_or("").str(),
                             int(C->getInteger("line").value_or(0))});
      }
      if (Ok)
        Into[*Key] = std::move(R);
    }
  }
}

void InferenceCache::save() const {
  if (Path.empty())
    return;
  json::Object Ps;
  auto Write = [&](StringRef Name,
                   const StringMap<InferencePhase::Record> &Records) {
    std::vector<StringRef> Keys;
    for (const auto &E : Records)
      Keys.push_back(E.getKey());
    llvm::sort(Keys);
    json::Array Fns;
    for (StringRef Key : Keys) {
      const InferencePhase::Record &R = Records.find(Key)->second;
      json::Array Changes;
      for (size_t I = 0; I < R.Step.Changes.size(); ++I) {
        const InferenceStep::Change &Ch = R.Step.Changes[I];
        json::Object C{{"kind", kindName(Ch.K)},
                       {"contract", contractToJson(Ch.C, false)}};
        if (I < R.Origins.size() && !R.Origins[I].first.empty()) {
          C["origin"] = R.Origins[I].first;
          C["line"] = R.Origins[I].second;
        }
        Changes.push_back(std::move(C));
      }
      Fns.push_back(json::Object{{"key", Key},
                                 {"print", R.Print},
                                 {"inlined", json::Array(R.Inlined)},
                                 {"marks", UnitIndex::marksJson(R.Marks)},
                                 {"cut_short", R.CutShort},
                                 {"changes", std::move(Changes)}});
    }
    Ps[Name] = std::move(Fns);
  };
  for (const auto &P : Phases)
    if (P->Summaries)
      Write(P->Name, P->Made);
  // A phase this parse did not run (a parse without the analysis's
  // inference, say) keeps what the file held.
  for (const auto &E : Loaded)
    if (!Ps.get(E.getKey()))
      Write(E.getKey(), E.getValue());
  std::string Text;
  raw_string_ostream(Text) << json::Value(json::Object{
      {"format", InferenceCacheFormat}, {"phases", std::move(Ps)}});
  writeCacheFile(Path, Text);
}
