//===- ResultCache.cpp - Results cached per translation unit --------------===//
#include "ResultCache.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace refcheck;

const std::string &InputHashes::get(StringRef Path) {
  auto [It, New] = Known.try_emplace(Path);
  if (New)
    if (auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false))
      It->second = contentHash((*Buf)->getBuffer());
  return It->second;
}

std::string refcheck::toText(const AnalysisRecord &R) {
  json::Array In;
  for (const InputFile &F : R.Inputs)
    In.push_back(json::Array{F.Path, F.Hash});
  std::string Text;
  raw_string_ostream OS(Text);
  OS << json::Value(json::Object{{"inputs", std::move(In)},
                                 {"results", R.ResultsDoc}});
  return Text;
}

std::optional<AnalysisRecord> refcheck::parseRecord(StringRef Text) {
  Expected<json::Value> V = json::parse(Text);
  if (!V) {
    consumeError(V.takeError());
    return std::nullopt;
  }
  const json::Object *O = V->getAsObject();
  const json::Array *Inputs = O ? O->getArray("inputs") : nullptr;
  std::optional<StringRef> Doc = O ? O->getString("results") : std::nullopt;
  if (!Inputs || !Doc)
    return std::nullopt;
  AnalysisRecord R;
  R.ResultsDoc = Doc->str();
  for (const json::Value &E : *Inputs) {
    const json::Array *P = E.getAsArray();
    std::optional<StringRef> Path = P && P->size() == 2
                                        ? (*P)[0].getAsString()
                                        : std::nullopt;
    std::optional<StringRef> Hash = P && P->size() == 2
                                        ? (*P)[1].getAsString()
                                        : std::nullopt;
    if (!Path || !Hash)
      return std::nullopt;
    R.Inputs.push_back({Path->str(), Hash->str()});
  }
  return R;
}

std::string refcheck::cacheKey(const FileCommand &Cmd,
                               const DriverOptions &Opts,
                               const ApiModel &Model, StringRef Exe) {
  return analysisKey(Cmd, Opts, Model.fingerprint(), Exe);
}

static SmallString<256> entryPath(StringRef Dir, StringRef Key) {
  SmallString<256> P(Dir);
  sys::path::append(P, Key.take_front(2), Key + ".json");
  return P;
}

std::optional<Results> refcheck::lookupCached(StringRef Dir, StringRef Key,
                                              const FileCommand &Cmd,
                                              InputHashes &Hashes) {
  std::optional<std::string> Doc = lookupCachedDoc(Dir, Key, Cmd, Hashes);
  if (!Doc)
    return std::nullopt;
  Expected<Results> R = parseJsonResults(*Doc);
  if (!R) {
    consumeError(R.takeError());
    return std::nullopt;
  }
  return std::move(*R);
}

std::optional<std::string> refcheck::lookupCachedDoc(StringRef Dir,
                                                     StringRef Key,
                                                     const FileCommand &Cmd,
                                                     InputHashes &Hashes) {
  auto Buf = MemoryBuffer::getFile(entryPath(Dir, Key));
  if (!Buf)
    return std::nullopt;
  std::optional<AnalysisRecord> Rec = parseRecord((*Buf)->getBuffer());
  if (!Rec || Rec->Inputs.empty())
    return std::nullopt;
  for (const InputFile &In : Rec->Inputs) {
    std::string Now;
    auto Virtual = llvm::find_if(Cmd.VirtualFiles, [&](const auto &VF) {
      return VF.first == In.Path;
    });
    if (Virtual != Cmd.VirtualFiles.end())
      Now = contentHash(Virtual->second);
    else
      Now = Hashes.get(In.Path);
    if (Now.empty() || Now != In.Hash)
      return std::nullopt;
  }
  return std::move(Rec->ResultsDoc);
}

void refcheck::storeCached(StringRef Dir, StringRef Key,
                           const AnalysisRecord &Record) {
  if (Record.Inputs.empty())
    return;
  SmallString<256> Path = entryPath(Dir, Key);
  if (sys::fs::create_directories(sys::path::parent_path(Path)))
    return;
  // Written aside and renamed, so a reader never sees half an entry.
  consumeError(writeToOutput(Path, [&](raw_ostream &OS) {
    OS << toText(Record);
    return Error::success();
  }));
}
