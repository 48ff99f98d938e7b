//===- Driver.h - Runs the checker over files ------------------*- C++ -*-===//
#ifndef REFCHECK_DRIVER_H
#define REFCHECK_DRIVER_H

#include "refcheck/ApiModel.h"
#include "refcheck/Finding.h"
#include "refcheck/Flags.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <map>
#include <string>
#include <vector>

namespace refcheck {

struct DriverOptions {
  std::vector<std::string> Files;
  /// --include / --exclude: glob patterns a file's path must match / must
  /// not match (tried against the path as given and the absolute path).
  std::vector<std::string> Include, Exclude;
  /// -p: folder holding compile_commands.json. With no Files, every C/C++
  /// file in it is analyzed.
  std::optional<std::string> BuildDir;
  /// Arguments after `--`, added after the detected flags.
  std::vector<std::string> TrailingArgs;
  /// --extra-arg / --extra-arg-before, as in clang-tidy.
  std::vector<std::string> ExtraArgs, ExtraArgsBefore;
  /// Interpreter whose headers serve files outside a CPython tree.
  std::string Python = "python3";
  /// --api-db: a refcounts.dat to load; empty: auto-detect in a CPython tree.
  std::string ApiDb;
  std::vector<std::string> DisabledChecks;
  /// API facts from the project's .refcheck.yaml, added to the model by
  /// loadApiModel() (in worker processes too).
  std::vector<ApiAnnotation> ApiFacts;
  /// Contracts inferred from the project's functions, added to the model by
  /// loadApiModel() below every other source. When a file is analyzed, the
  /// contracts of its own functions reach its analysis as annotations on
  /// their declarations instead (its body owns the parameters it steals).
  std::vector<InferredContract> Contracts;
  /// Inference only: the functions the project defines (see
  /// CheckerConfig::ProjectFunctions).
  llvm::StringSet<> ProjectFunctions;
  /// Inference only: when not empty, the functions worth a contract (see
  /// CheckerConfig::InferOnly); empty means every one.
  llvm::StringSet<> InferOnly;
  /// Give the static helpers of each file that the analysis will not
  /// follow contracts inferred in the same parse (--no-contracts: off).
  bool InferUnitContracts = true;
  /// Refute infeasible reports with Z3 when the LLVM build has it.
  bool CrosscheckZ3 = true;
  /// Extra analyzer options, "key=value".
  std::vector<std::string> AnalyzerConfig;
  bool Verbose = false;
  /// In -verify mode, also emit path notes as clang notes.
  bool VerifyNotes = false;
  /// The cache folder, where an analysis keeps the findings of each
  /// top-level function (lib/Driver/FunctionCache.h); empty: none kept.
  std::string FunctionCache;
};

/// True when this process can use Z3 (the LLVM build links it).
bool z3Available();

/// Works out how each file is compiled: from a compile database (-p, or a
/// compile_commands.json above the file), else by flag detection. Fails for
/// missing files and unreadable databases, naming the cause.
llvm::Expected<std::vector<FileCommand>>
planCommands(const DriverOptions &Opts);

/// The project the planned files belong to, for contract inference: the
/// whole compile database with -p and no files; else the planned files plus
/// every file of the compile databases they were planned from (so one file
/// checked alone still knows its helpers in other files). Files of a
/// database that cannot be planned are left out.
std::vector<FileCommand> projectCommands(const DriverOptions &Opts,
                                         const std::vector<FileCommand> &Planned);

/// A file the preprocessor read for a translation unit, with a hash of the
/// contents it saw: what the result cache checks before reusing results.
struct InputFile {
  std::string Path; ///< absolute
  std::string Hash; ///< contentHash() of its contents
};

/// refcheck's --analyzer-config key for clang's -analyzer-max-loop: how
/// often one path may enter the same block, so how many passes of a loop
/// the analysis follows. refcheck's default is 3, clang's 4: see
/// docs/usage.md, "Analyzer limits".
inline constexpr const char *MaxLoopConfigKey = "max-loop";
inline constexpr unsigned DefaultMaxLoop = 3;

/// A short, fast hash of file contents (BLAKE3, hex).
std::string contentHash(llvm::StringRef Data);

/// A key over everything that decides a file's analysis besides the
/// contents of the files it reads: refcheck's build (Exe), the API model
/// (ModelPrint, ApiModel::fingerprint()), the options, the compile command
/// and the working folder.
std::string analysisKey(const FileCommand &Cmd, const DriverOptions &Opts,
                        llvm::StringRef ModelPrint, llvm::StringRef Exe);

/// The first lines of a source file that one precompiled header can stand
/// for in every file that starts with them: comments, #define and #undef
/// lines, then the first #include, to the end of its line. Empty when the
/// file starts any other way (a conditional, a pragma, code), since what
/// precedes the include could then change what it means.
struct LeadingPrefix {
  /// The directives, without the comments around them (files that differ
  /// only in those share the prefix).
  std::string Text;
  /// How many of the file's bytes they span: up to and with the newline
  /// that ends the #include line. 0 when there is no prefix.
  size_t Bytes = 0;
};
LeadingPrefix leadingIncludePrefix(llvm::StringRef Text);

/// Builds PCHPath, a precompiled header of Prefix (leadingIncludePrefix()
/// of Cmd's file, written to prefixPCHHeader(PCHPath)) under Cmd's flags,
/// with the headers it read (and their hashes, for the result cache) next
/// to it in PCHPath + ".inputs". A parse that uses it skips the first
/// LeadingPrefix::Bytes of its file, as clang's precompiled preambles do,
/// so the file's own #include is never read: the header needs no include
/// guard.
llvm::Error buildPrefixPCH(const FileCommand &Cmd, llvm::StringRef Prefix,
                           llvm::StringRef PCHPath);

/// Where buildPrefixPCH() writes the prefix it precompiles: a parse checks
/// that its file still starts with it.
std::string prefixPCHHeader(llvm::StringRef PCHPath);

/// Analyzes one file. Never fails as a whole: a file that cannot be parsed
/// (or crashes the analyzer) yields an entry in Results::Errors. In -verify
/// mode, findings are also emitted as clang diagnostics and VerifyFailed is
/// set when expectations were not met. Inputs, if given, receives every file
/// the preprocessor read.
Results analyzeFile(const FileCommand &Cmd, const DriverOptions &Opts,
                    const ApiModel &Model, bool *VerifyFailed = nullptr,
                    std::vector<InputFile> *Inputs = nullptr);

/// Inference mode on one file: the contracts of the functions it defines
/// that other files may call (Origin as displayed: relative to the current
/// folder when under it), and the names of the functions it calls without
/// defining them. A file that cannot be parsed yields Error.
struct FileContracts {
  std::vector<InferredContract> Contracts;
  /// Inference only: the functions the project defines (see
  /// CheckerConfig::ProjectFunctions).
  llvm::StringSet<> ProjectFunctions;
  std::vector<std::string> Callees;
  /// Scan only: the functions defined here that inference gives contracts
  /// to (refcheck::wantsContract).
  std::vector<std::string> Defines;
  /// Scan only: for each of Defines, the functions without a body in this
  /// file that it calls, directly or through this file's functions: what
  /// its contract depends on.
  std::map<std::string, std::vector<std::string>> Needs;
  /// Inference followed by the analysis (worker mode "infer-analyze"):
  /// the analysis results as a writeJson() document.
  std::string AnalysisDoc;
  /// Inference only: the functions the inference explored, and those
  /// whose exploration an earlier run's was used for (the per-function
  /// cache, DriverOptions::FunctionCache).
  unsigned Explored = 0, Reused = 0;
  std::string Error;
};
/// With ThenAnalysis, the same parse is then analyzed into it as
/// analyzeFile() would with Opts plus the contracts found (Opts must hold
/// none of this file's own yet): for a file whose callees' contracts in
/// Opts are final. Inputs then lists the inputs as analyzeFile's do.
FileContracts inferFileContracts(const FileCommand &Cmd,
                                 const DriverOptions &Opts,
                                 const ApiModel &Model,
                                 std::vector<InputFile> *Inputs = nullptr,
                                 Results *ThenAnalysis = nullptr);

/// Scan mode on one file: parses it only, for Callees and Defines (no
/// contracts); what the project's inference needs to order its files.
FileContracts scanFileContracts(const FileCommand &Cmd,
                                const DriverOptions &Opts,
                                std::vector<InputFile> *Inputs = nullptr);

/// The refcounts.dat a run uses: --api-db, else Doc/data/refcounts.dat of
/// the CPython tree holding the first file; empty if none.
std::string resolveApiDb(const DriverOptions &Opts);

/// Loads the API model for a run: built-in table, plus refcounts.dat from
/// --api-db or from the CPython tree of the first file.
llvm::Expected<ApiModel> loadApiModel(const DriverOptions &Opts);

/// Whether the compile arguments ask for clang's -verify mode.
bool isVerifyMode(const FileCommand &Cmd);

} // namespace refcheck
#endif
