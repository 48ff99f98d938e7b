//===- Baseline.cpp - Known findings, by stable id ------------------------===//
#include "refcheck/Review.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

using namespace refcheck;
using namespace llvm;

Expected<StringSet<>> refcheck::readBaseline(StringRef Path) {
  auto Bad = [&](const Twine &Why) {
    return createStringError(inconvertibleErrorCode(),
                             "cannot read baseline '" + Path + "': " + Why);
  };
  auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return Bad(Buf.getError().message());
  Expected<json::Value> V = json::parse((*Buf)->getBuffer());
  if (!V)
    return Bad(toString(V.takeError()));
  const json::Object *Doc = V->getAsObject();
  const json::Array *Fs = Doc ? Doc->getArray("findings") : nullptr;
  if (!Fs)
    return Bad("not a refcheck baseline (no \"findings\" list)");
  StringSet<> Ids;
  for (const json::Value &FV : *Fs) {
    const json::Object *O = FV.getAsObject();
    std::optional<StringRef> Id = O ? O->getString("id") : std::nullopt;
    if (!Id || Id->empty())
      return Bad("a finding has no \"id\"");
    Ids.insert(*Id);
  }
  return Ids;
}

Error refcheck::writeBaseline(StringRef Path, const Results &R) {
  // Sorted by id, with enough context for a reviewer to tell what each
  // accepted finding was; no line numbers, so the file does not churn.
  std::vector<const Finding *> Sorted;
  for (const Finding &F : R.Findings)
    Sorted.push_back(&F);
  llvm::sort(Sorted, [](const Finding *A, const Finding *B) {
    return std::tie(A->Id, A->File) < std::tie(B->Id, B->File);
  });
  json::Array Fs;
  std::string Last;
  for (const Finding *F : Sorted) {
    if (F->Id == Last)
      continue;
    Last = F->Id;
    Fs.push_back(json::Object{{"id", F->Id},
                              {"check", F->Check},
                              {"file", F->File},
                              {"function", F->Function},
                              {"message", F->Message}});
  }
  json::Object Doc{{"refcheck_baseline", 1}, {"findings", std::move(Fs)}};
  std::error_code EC;
  raw_fd_ostream OS(Path, EC, sys::fs::OF_Text);
  if (EC)
    return createStringError(EC, "cannot write baseline '" + Path +
                                     "': " + EC.message());
  OS << formatv("{0:2}", json::Value(std::move(Doc))) << '\n';
  OS.close();
  if (OS.has_error())
    return createStringError(OS.error(), "cannot write baseline '" + Path +
                                             "': " + OS.error().message());
  return Error::success();
}

unsigned refcheck::applyBaseline(Results &R, const StringSet<> &Ids) {
  size_t Before = R.Findings.size();
  llvm::erase_if(R.Findings,
                 [&](const Finding &F) { return Ids.contains(F.Id); });
  return Before - R.Findings.size();
}
