//===- ResultCache.h - Results cached per translation unit -----*- C++ -*-===//
//
// One entry per translation unit, named by a key over everything that decides
// its results besides file contents: refcheck's build, the API model, the
// options, the compile command and the working folder. The entry lists every
// file the preprocessor read with a hash of its contents, as ccache's direct
// mode does; it is reused only if every one of them still hashes the same.
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_BATCH_RESULTCACHE_H
#define REFCHECK_BATCH_RESULTCACHE_H

#include "refcheck/Driver.h"
#include "llvm/ADT/StringMap.h"
#include <optional>

namespace refcheck {

/// Content hashes of files on disk, read once per run.
class InputHashes {
  llvm::StringMap<std::string> Known;

public:
  /// The hash of Path's contents; empty if it cannot be read.
  const std::string &get(llvm::StringRef Path);
};

/// What a worker hands back and what the cache keeps for a translation
/// unit: its results (a writeJson() document) and every file it read.
struct AnalysisRecord {
  std::vector<InputFile> Inputs;
  std::string ResultsDoc;
};
std::string toText(const AnalysisRecord &R);
/// None if Text is not a well-formed record.
std::optional<AnalysisRecord> parseRecord(llvm::StringRef Text);

std::string cacheKey(const FileCommand &Cmd, const DriverOptions &Opts,
                     const ApiModel &Model, llvm::StringRef Exe);

std::optional<Results> lookupCached(llvm::StringRef Dir, llvm::StringRef Key,
                                    const FileCommand &Cmd,
                                    InputHashes &Hashes);

/// The document of a valid entry (every input unchanged), whatever it holds
/// (results, or a file's inferred contracts).
std::optional<std::string> lookupCachedDoc(llvm::StringRef Dir,
                                           llvm::StringRef Key,
                                           const FileCommand &Cmd,
                                           InputHashes &Hashes);

/// Stores the record; failures are ignored, as a cache may be read-only or
/// full.
void storeCached(llvm::StringRef Dir, llvm::StringRef Key,
                 const AnalysisRecord &Record);

} // namespace refcheck
#endif
