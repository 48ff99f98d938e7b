//===- Driver.cpp - LibTooling host for refcheck's checker ----------------===//
#include "refcheck/Driver.h"
#include "DriverInternal.h"
#include "FunctionCache.h"
#include "InferenceCache.h"
#include "refcheck/Checker.h"
#include "refcheck/Config.h"
#include "refcheck/EntryPoints.h"
#include "refcheck/Report.h"

#include "clang/Analysis/PathDiagnostic.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Frontend/AnalysisConsumer.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <tuple>

using namespace clang;
using namespace clang::tooling;
using namespace refcheck;
using namespace llvm;

/// --analyzer-config KEY=VALUE as the compiler's own -analyzer-config: the
/// analyzer reads its typed options (max-nodes, ipa, mode, ...) when the
/// command line is parsed, so setting AnalyzerOptions::Config afterwards
/// reached only the checkers' options. Unknown keys are then the
/// compiler's error, as in clang --analyze.
static void addAnalyzerConfig(const DriverOptions &Opts,
                              std::vector<std::string> &Args) {
  for (const std::string &KV : Opts.AnalyzerConfig) {
    // refcheck's own key: configureAnalyzer() reads it.
    if (StringRef(KV).split('=').first == MaxLoopConfigKey)
      continue;
    for (std::string A : {std::string("-Xclang"),
                          std::string("-analyzer-config"),
                          std::string("-Xclang"), KV})
      Args.push_back(std::move(A));
  }
}

bool refcheck::z3Available() {
  static const bool Available = [] {
    sys::DynamicLibrary::LoadLibraryPermanently(nullptr);
    return sys::DynamicLibrary::SearchForAddressOfSymbol("Z3_mk_config") !=
           nullptr;
  }();
  return Available;
}

//===----------------------------------------------------------------------===//
// Planning: which flags each file gets
//===----------------------------------------------------------------------===//

/// The nearest compile_commands.json in File's folder or above it.
static std::optional<std::string> findDatabaseAbove(StringRef File) {
  std::optional<std::string> Dir =
      findFolderAbove(File, "compile_commands.json");
  if (!Dir)
    return std::nullopt;
  SmallString<256> P(*Dir);
  sys::path::append(P, "compile_commands.json");
  return P.str().str();
}

static Expected<std::unique_ptr<CompilationDatabase>>
loadDatabase(StringRef JsonPath) {
  std::string Err;
  if (!sys::fs::exists(JsonPath))
    return createStringError(inconvertibleErrorCode(),
                             "no compile_commands.json at '%s'",
                             JsonPath.str().c_str());
  // clang's loader reports syntax errors on stderr as well as in Err: check
  // the syntax first, so a broken file gets one line.
  if (auto Buf = MemoryBuffer::getFile(JsonPath)) {
    Expected<json::Value> V = json::parse((*Buf)->getBuffer());
    if (!V)
      return createStringError(inconvertibleErrorCode(),
                               "cannot read compile database '%s': %s",
                               JsonPath.str().c_str(),
                               toString(V.takeError()).c_str());
  }
  auto DB = JSONCompilationDatabase::loadFromFile(
      JsonPath, Err, JSONCommandLineSyntax::AutoDetect);
  if (!DB) {
    // The loader's message spans lines; keep the first, it names the cause.
    StringRef First = StringRef(Err).split('\n').first;
    return createStringError(inconvertibleErrorCode(),
                             "cannot read compile database '%s': %s",
                             JsonPath.str().c_str(), First.str().c_str());
  }
  return DB;
}

/// Turns a database entry into refcheck's form: drops the compiler, the
/// input file and anything that is not a compile flag for this file.
static FileCommand fromDatabase(StringRef File, const CompileCommand &CC,
                                StringRef DbPath) {
  FileCommand C;
  C.File = File.str();
  C.Directory = CC.Directory;
  C.Provenance = ("compile database " + DbPath).str();
  ArgumentsAdjuster Adjust = combineAdjusters(
      getClangStripOutputAdjuster(),
      combineAdjusters(getClangStripDependencyFileAdjuster(),
                       getClangSyntaxOnlyAdjuster()));
  CommandLineArguments Args = Adjust(CC.CommandLine, CC.Filename);
  SmallString<256> Target(CC.Filename);
  if (!sys::path::is_absolute(Target))
    sys::fs::make_absolute(CC.Directory, Target);
  sys::path::remove_dots(Target, true);
  for (size_t I = 1; I < Args.size(); ++I) {
    StringRef A = Args[I];
    if (A == "-fsyntax-only" || A == "-c")
      continue;
    if (!A.starts_with("-")) {
      // The input file, however the database spells it.
      SmallString<256> P(A);
      if (!sys::path::is_absolute(P))
        sys::fs::make_absolute(CC.Directory, P);
      sys::path::remove_dots(P, true);
      if (P == Target)
        continue;
    }
    C.Args.push_back(A.str());
  }
  return C;
}

namespace {
/// --include / --exclude globs.
class FileFilter {
  std::vector<GlobPattern> In, Out;

public:
  static Expected<FileFilter> create(ArrayRef<std::string> Include,
                                     ArrayRef<std::string> Exclude) {
    FileFilter F;
    for (auto [Patterns, Into] : {std::pair(Include, &F.In),
                                  std::pair(Exclude, &F.Out)})
      for (const std::string &P : Patterns) {
        Expected<GlobPattern> G = GlobPattern::create(P);
        if (!G)
          return createStringError(inconvertibleErrorCode(),
                                   "bad glob pattern '%s': %s", P.c_str(),
                                   toString(G.takeError()).c_str());
        Into->push_back(std::move(*G));
      }
    return F;
  }
  bool keep(StringRef File) const {
    SmallString<256> Abs(File);
    sys::fs::make_absolute(Abs);
    sys::path::remove_dots(Abs, true);
    auto Matches = [&](const GlobPattern &G) {
      return G.match(File) || G.match(Abs);
    };
    if (!In.empty() && llvm::none_of(In, Matches))
      return false;
    return llvm::none_of(Out, Matches);
  }
};
} // namespace

Expected<std::vector<FileCommand>>
refcheck::planCommands(const DriverOptions &Opts) {
  std::vector<FileCommand> Out;
  std::unique_ptr<CompilationDatabase> ExplicitDB;
  std::string ExplicitPath;
  if (Opts.BuildDir) {
    SmallString<256> P(*Opts.BuildDir);
    if (!StringRef(*Opts.BuildDir).ends_with(".json"))
      sys::path::append(P, "compile_commands.json");
    ExplicitPath = P.str().str();
    auto DB = loadDatabase(ExplicitPath);
    if (!DB)
      return DB.takeError();
    ExplicitDB = std::move(*DB);
  }

  std::optional<PythonIncludes> Host;
  auto GetHost = [&]() -> Expected<PythonIncludes> {
    if (!Host) {
      auto H = queryPythonIncludes(Opts.Python);
      if (!H)
        return H.takeError();
      Host = *H;
    }
    return *Host;
  };

  std::vector<std::string> Files = Opts.Files;
  if (Files.empty() && ExplicitDB) {
    // The whole project: every C/C++ translation unit in the database,
    // named relative to the current folder when under it.
    SmallString<256> Cwd;
    sys::fs::current_path(Cwd);
    for (const std::string &F : ExplicitDB->getAllFiles()) {
      StringRef Ext = sys::path::extension(F);
      if (!llvm::is_contained({".c", ".cc", ".cpp", ".cxx", ".C", ".m"}, Ext))
        continue;
      StringRef Rel = F;
      if (Rel.consume_front(Cwd) && Rel.consume_front("/"))
        Files.push_back(Rel.str());
      else
        Files.push_back(F);
    }
    if (Files.empty())
      return createStringError(inconvertibleErrorCode(),
                               "compile database '%s' lists no C/C++ files",
                               ExplicitPath.c_str());
  }
  Expected<FileFilter> Filter = FileFilter::create(Opts.Include, Opts.Exclude);
  if (!Filter)
    return Filter.takeError();
  llvm::erase_if(Files, [&](const std::string &F) { return !Filter->keep(F); });
  // Each file once, in the order given (the database's, sorted).
  if (Opts.Files.empty())
    llvm::sort(Files);
  StringSet<> Seen;
  llvm::erase_if(Files, [&](const std::string &F) {
    return !Seen.insert(F).second;
  });

  for (const std::string &File : Files) {
    if (!sys::fs::exists(File))
      return createStringError(inconvertibleErrorCode(),
                               "no such file: '%s'", File.c_str());
    if (sys::fs::is_directory(File))
      return createStringError(inconvertibleErrorCode(),
                               "'%s' is a directory, not a source file",
                               File.c_str());
    SmallString<256> Abs(File);
    sys::fs::make_absolute(Abs);
    sys::path::remove_dots(Abs, true);

    std::optional<FileCommand> Cmd;
    std::string DbFolder;
    if (ExplicitDB) {
      SmallString<256> Db(ExplicitPath);
      sys::fs::make_absolute(Db);
      sys::path::remove_dots(Db, true);
      DbFolder = sys::path::parent_path(Db).str();
      auto CCs = ExplicitDB->getCompileCommands(Abs);
      if (CCs.empty())
        return createStringError(
            inconvertibleErrorCode(), "'%s' is not in compile database '%s'",
            File.c_str(), ExplicitPath.c_str());
      Cmd = fromDatabase(File, CCs.front(), ExplicitPath);
    } else if (Opts.TrailingArgs.empty()) {
      if (auto Found = findDatabaseAbove(Abs)) {
        auto DB = loadDatabase(*Found);
        if (!DB)
          return DB.takeError();
        auto CCs = (*DB)->getCompileCommands(Abs);
        if (!CCs.empty()) {
          Cmd = fromDatabase(File, CCs.front(), *Found);
          DbFolder = sys::path::parent_path(*Found).str();
        }
      }
    }
    if (!Cmd) {
      auto H = GetHost();
      if (auto Root = findCPythonRoot(File)) {
        // An unconfigured tree borrows the host's pyconfig.h: without it
        // every file would fail to parse, so say why once.
        SmallString<256> OwnConfig(*Root);
        sys::path::append(OwnConfig, "pyconfig.h");
        if (!H && !sys::fs::exists(OwnConfig))
          return createStringError(
              inconvertibleErrorCode(),
              "CPython tree at '%s' has no pyconfig.h (not configured), and %s",
              Root->c_str(), toString(H.takeError()).c_str());
        PythonIncludes HostOrEmpty = H ? *H : PythonIncludes{};
        if (!H)
          consumeError(H.takeError());
        Cmd = cpythonTreeCommand(File, *Root, HostOrEmpty);
      } else {
        if (!H)
          return H.takeError();
        Cmd = hostPythonCommand(File, *H);
      }
    }
    for (const std::string &A : Opts.TrailingArgs)
      Cmd->Args.push_back(A);
    Cmd->Args.insert(Cmd->Args.begin(), Opts.ExtraArgsBefore.begin(),
                     Opts.ExtraArgsBefore.end());
    for (const std::string &A : Opts.ExtraArgs)
      Cmd->Args.push_back(A);
    addAnalyzerConfig(Opts, Cmd->Args);
    treatPythonHeadersAsSystem(*Cmd);
    Cmd->ProjectRoot = projectRootFor(Abs, DbFolder);
    Out.push_back(std::move(*Cmd));
  }
  return Out;
}

std::vector<FileCommand>
refcheck::projectCommands(const DriverOptions &Opts,
                          const std::vector<FileCommand> &Planned) {
  std::vector<FileCommand> Out = Planned;
  if (Opts.Files.empty())
    return Out;
  auto AbsOf = [](const FileCommand &C) {
    SmallString<256> P(C.File);
    sys::fs::make_absolute(P);
    sys::path::remove_dots(P, true);
    return P.str().str();
  };
  StringSet<> Seen, Databases;
  for (const FileCommand &C : Planned) {
    Seen.insert(AbsOf(C));
    StringRef DB = C.Provenance;
    if (DB.consume_front("compile database "))
      Databases.insert(DB);
  }
  for (const auto &E : Databases) {
    auto DB = loadDatabase(E.getKey());
    if (!DB) {
      consumeError(DB.takeError());
      continue;
    }
    SmallString<256> Cwd;
    sys::fs::current_path(Cwd);
    for (const std::string &F : (*DB)->getAllFiles()) {
      StringRef Ext = sys::path::extension(F);
      if (!llvm::is_contained({".c", ".cc", ".cpp", ".cxx", ".C", ".m"}, Ext) ||
          !sys::fs::exists(F))
        continue;
      SmallString<256> Abs(F);
      sys::path::remove_dots(Abs, true);
      if (!Seen.insert(Abs).second)
        continue;
      auto CCs = (*DB)->getCompileCommands(Abs);
      if (CCs.empty())
        continue;
      StringRef Rel = Abs;
      std::string Shown = Rel.consume_front(Cwd) && Rel.consume_front("/")
                              ? Rel.str()
                              : Abs.str().str();
      FileCommand C = fromDatabase(Shown, CCs.front(), E.getKey());
      C.Args.insert(C.Args.begin(), Opts.ExtraArgsBefore.begin(),
                    Opts.ExtraArgsBefore.end());
      for (const std::string &A : Opts.ExtraArgs)
        C.Args.push_back(A);
      addAnalyzerConfig(Opts, C.Args);
      // As planCommands() makes them: the same command, the same cached
      // contracts as a run on the whole database.
      treatPythonHeadersAsSystem(C);
      C.ProjectRoot = projectRootFor(Abs, sys::path::parent_path(E.getKey()));
      Out.push_back(std::move(C));
    }
  }
  return Out;
}

std::string refcheck::resolveApiDb(const DriverOptions &Opts) {
  if (!Opts.ApiDb.empty() || Opts.Files.empty())
    return Opts.ApiDb;
  if (auto Root = findCPythonRoot(Opts.Files.front())) {
    SmallString<256> P(*Root);
    sys::path::append(P, "Doc", "data", "refcounts.dat");
    if (sys::fs::exists(P))
      return P.str().str();
  }
  return "";
}

std::string refcheck::contentHash(StringRef Data) {
  BLAKE3 H;
  H.update(Data);
  return toHex(H.final<16>(), /*LowerCase=*/true);
}

/// Cache entries written by a different layout are ignored.
static constexpr int CacheFormat = 1;

std::string refcheck::analysisKey(const FileCommand &Cmd,
                                  const DriverOptions &Opts,
                                  StringRef ModelPrint, StringRef Exe) {
  BLAKE3 H;
  auto Add = [&](StringRef S) {
    H.update(std::to_string(S.size()));
    H.update(":");
    H.update(S);
  };
  Add("refcheck-cache-" + std::to_string(CacheFormat));
  Add(REFCHECK_VERSION);
  // A rebuilt refcheck may judge differently under the same version.
  sys::fs::file_status St;
  if (!sys::fs::status(Exe, St)) {
    Add(std::to_string(St.getSize()));
    Add(std::to_string(
        St.getLastModificationTime().time_since_epoch().count()));
  }
  Add(ModelPrint);
  std::vector<std::string> Disabled = Opts.DisabledChecks;
  llvm::sort(Disabled);
  for (const std::string &D : Disabled)
    Add("disable=" + D);
  Add(Opts.CrosscheckZ3 && z3Available() ? "z3" : "no-z3");
  Add(Opts.InferUnitContracts ? "unit-contracts" : "no-unit-contracts");
  for (const std::string &KV : Opts.AnalyzerConfig)
    Add("config=" + KV);
  // Findings name files relative to the working folder.
  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  Add(Cwd);
  SmallString<256> File(Cmd.File);
  sys::fs::make_absolute(File);
  Add(File);
  Add(Cmd.Directory);
  Add("root=" + Cmd.ProjectRoot);
  for (const std::string &A : Cmd.Args)
    Add("arg=" + A);
  for (const auto &[Path, Text] : Cmd.VirtualFiles) {
    Add(Path);
    Add(Text);
  }
  return toHex(H.final<16>(), /*LowerCase=*/true);
}

Expected<ApiModel> refcheck::loadApiModel(const DriverOptions &Opts) {
  ApiModel M = ApiModel::builtin();
  std::string Dat = resolveApiDb(Opts);
  if (!Dat.empty())
    if (Error E = M.loadRefcountsDat(Dat))
      return E;
  for (const ApiAnnotation &A : Opts.ApiFacts)
    M.addConfigFact(A);
  for (const InferredContract &C : Opts.Contracts)
    M.addInferred(C.Spec, C.Error, C.FailsOnlyOnMemory);
  return M;
}

bool refcheck::isVerifyMode(const FileCommand &Cmd) {
  return llvm::any_of(Cmd.Args, [](const std::string &A) {
    return StringRef(A).starts_with("-verify");
  });
}

//===----------------------------------------------------------------------===//
// Analysis of one file
//===----------------------------------------------------------------------===//

void refcheck::recordInputs(CompilerInstance &CI,
                            std::vector<InputFile> *Inputs) {
  if (!Inputs)
    return;
  // The headers a prefix PCH stands for were read when it was built: they
  // are listed next to it. The PCH's own folder is the batch's, gone after
  // the run: nothing in it is an input a cache entry could check.
  StringRef PCH = CI.getPreprocessorOpts().ImplicitPCHInclude;
  StringRef PCHDir = sys::path::parent_path(PCH);
  StringSet<> Seen;
  if (!PCH.empty())
    if (auto Listed = MemoryBuffer::getFile(PCH + ".inputs")) {
      SmallVector<StringRef> Lines;
      (*Listed)->getBuffer().split(Lines, '\n', -1, /*KeepEmpty=*/false);
      for (StringRef L : Lines) {
        auto [Hash, Path] = L.split(' ');
        if (Seen.insert(Path).second)
          Inputs->push_back({Path.str(), Hash.str()});
      }
    }
  SourceManager &SM = CI.getSourceManager();
  for (auto It = SM.fileinfo_begin(), E = SM.fileinfo_end(); It != E; ++It) {
    StringRef Name = It->first.getName();
    if (!PCHDir.empty() && sys::path::parent_path(Name) == PCHDir)
      continue;
    if (std::optional<MemoryBufferRef> Buf = It->second->getBufferIfLoaded())
      if (Seen.insert(Name).second)
        Inputs->push_back({Name.str(), contentHash(Buf->getBuffer())});
  }
}

namespace {

/// Paths under the current folder are shown relative to it, as users typed
/// them; others stay as the compiler saw them.
static std::string displayPath(StringRef Path) {
  SmallString<256> Cwd;
  if (sys::path::is_absolute(Path) && !sys::fs::current_path(Cwd)) {
    SmallString<256> P(Path);
    sys::path::remove_dots(P, true);
    StringRef R(P);
    if (R.consume_front(Cwd) && R.consume_front("/"))
      return R.str();
    return P.str().str();
  }
  return Path.str();
}

/// Turns the analyzer's path diagnostics into Findings. The reports of
/// each top-level function's exploration are taken as a batch when the
/// next one begins (FunctionCache), and all are merged when the unit ends.
class FindingCollector : public ento::PathDiagnosticConsumer {
  CompilerInstance &CI;
  const FileCommand &Cmd;
  Results &Out;
  bool Verify, VerifyNotes;
  FunctionCache &Cache;
  /// The reports taken from the consumer's set before the unit ends.
  std::vector<std::unique_ptr<ento::PathDiagnostic>> Taken;

public:
  FindingCollector(CompilerInstance &CI, const FileCommand &Cmd, Results &Out,
                   bool Verify, bool VerifyNotes, FunctionCache &Functions)
      : CI(CI), Cmd(Cmd), Out(Out), Verify(Verify), VerifyNotes(VerifyNotes),
        Cache(Functions) {
    Cache.setHarvest([this] { harvest(); });
  }
  ~FindingCollector() override { Cache.setHarvest(nullptr); }

  StringRef getName() const override { return "refcheck"; }
  PathGenerationScheme getGenerationScheme() const override { return Minimal; }
  bool supportsLogicalOpControlFlow() const override { return true; }
  bool supportsCrossFileDiagnostics() const override { return true; }

  void FlushDiagnosticsImpl(std::vector<const ento::PathDiagnostic *> &Diags,
                            FilesMade *) override {
    addBatch(Diags);
    rankPlaces();
    for (const ReportCandidate *C : mergeBatches(Cache.batches())) {
      if (Verify && C->PD)
        emitAsDiagnostics(*C->PD, C->F, C->Loc);
      Out.Findings.push_back(C->F);
    }
    Out.FunctionsBegun = Cache.explored() + Cache.reused();
    Out.FunctionsReused = Cache.reused();
    Cache.finish();
  }

private:
  /// Each place's file by the order the unit read the files in, which
  /// the merge's order follows (a unity build's included code files).
  void rankPlaces() {
    const SourceManager &SM = CI.getSourceManager();
    StringMap<unsigned> Rank;
    for (unsigned I = 0, N = SM.local_sloc_entry_size(); I < N; ++I) {
      const SrcMgr::SLocEntry &E = SM.getLocalSLocEntry(I);
      if (E.isFile())
        if (OptionalFileEntryRef FE = E.getFile().getContentCache().OrigEntry)
          Rank.try_emplace(absoluteName(FE->getName()), Rank.size() + 1);
    }
    for (ReportBatch &B : Cache.batches())
      for (ReportCandidate &C : B.Reports)
        for (ReportPlace &P : C.Places)
          P.Rank = Rank.lookup(P.File);
  }

  /// The reports of the exploration that just ended.
  void harvest() {
    std::vector<const ento::PathDiagnostic *> Batch;
    for (ento::PathDiagnostic &PD : Diags) {
      Batch.push_back(&PD);
      Taken.emplace_back(&PD);
    }
    Diags.clear();
    addBatch(Batch);
  }

  void addBatch(const std::vector<const ento::PathDiagnostic *> &Diags) {
    std::vector<ReportCandidate> &Into = Cache.current().Reports;
    size_t First = Into.size();
    for (const ento::PathDiagnostic *PD : Diags)
      Into.push_back(candidate(*PD));
    // The consumer's set has no order of its own.
    std::stable_sort(Into.begin() + First, Into.end(), reportOrder);
  }

  void place(SourceLocation L, std::string &File, unsigned &Line,
             unsigned &Col) const {
    const SourceManager &SM = CI.getSourceManager();
    SourceLocation E = SM.getExpansionLoc(L);
    PresumedLoc P = SM.getPresumedLoc(E);
    if (P.isInvalid())
      return;
    File = absoluteName(P.getFilename());
    Line = P.getLine();
    Col = P.getColumn();
  }

  /// A file name as the compiler saw it, made absolute (against the
  /// command's folder) and free of `.`/`..`. The command line makes paths
  /// relative to the project root once every file is analyzed.
  std::string absoluteName(StringRef Name) const {
    return absolutePath(Name, Cmd.Directory);
  }

  /// The file of L relative to the project root, for the finding id.
  std::string projectPath(SourceLocation L) const {
    const SourceManager &SM = CI.getSourceManager();
    PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(L));
    if (P.isInvalid())
      return "";
    return pathUnder(Cmd.ProjectRoot, absoluteName(P.getFilename()));
  }

  void addStep(const ento::PathDiagnosticPiece &P, ReportCandidate &C) const {
    PathStep S;
    SourceLocation L = P.getLocation().asLocation();
    place(L, S.File, S.Line, S.Column);
    S.Message = withContractOrigin(P.getString());
    if (S.Message.empty())
      return;
    C.Places.push_back(Cache.place(L, S.File, S.Line, S.Column));
    C.F.Path.push_back(std::move(S));
  }

  ReportPlace placeOf(SourceLocation L) const {
    std::string File;
    unsigned Line = 0, Col = 0;
    place(L, File, Line, Col);
    return Cache.place(L, std::move(File), Line, Col);
  }

  void collect(const ento::PathPieces &Pieces, ReportCandidate &F) const {
    using namespace ento;
    for (const PathDiagnosticPieceRef &P : Pieces) {
      if (const auto *Call = dyn_cast<PathDiagnosticCallPiece>(P.get())) {
        if (auto Enter = Call->getCallEnterEvent())
          addStep(*Enter, F);
        collect(Call->path, F);
        if (auto Exit = Call->getCallExitEvent())
          addStep(*Exit, F);
      } else if (const auto *M = dyn_cast<PathDiagnosticMacroPiece>(P.get())) {
        collect(M->subPieces, F);
      } else if (isa<PathDiagnosticEventPiece, PathDiagnosticNotePiece>(
                     P.get())) {
        addStep(*P, F);
      }
    }
  }

  /// A note or message about a call to a function whose contract was
  /// inferred says so, and where from: "'check' takes the reference
  /// (inferred from src/util.c:31)".
  static std::string withContractOrigin(StringRef Msg) {
    const CheckerConfig *Config = activeCheckerConfig();
    size_t Open = Msg.find('\'');
    if (!Config || !Config->Model || Open == StringRef::npos)
      return Msg.str();
    size_t Close = Msg.find('\'', Open + 1);
    if (Close == StringRef::npos)
      return Msg.str();
    StringRef Name = Msg.slice(Open + 1, Close);
    const FunctionSpec *S = Config->Model->lookup(Name);
    if (!S || S->From != Source::Inferred || S->Origin.empty())
      return Msg.str();
    std::string Origin = " (inferred from " + S->Origin + ")";
    if (Msg == ("Reference stolen by '" + Name + "'").str())
      return ("'" + Name + "' takes the reference" + Origin).str();
    for (StringRef About : {"stolen by '", "returned by '", "released by '"})
      if (Msg.contains((About + Name + "'").str()))
        return (Msg + Origin).str();
    if (Msg.starts_with(("'" + Name + "' steals").str()))
      return (Msg + Origin).str();
    return Msg.str();
  }

  /// Where a report goes. A report inside a function that a system header
  /// defines (Python's own headers count as system ones: the static inline
  /// body of PyBytes_AS_STRING, say) goes to the call the analyzed file
  /// makes into it: the line the user can change. A project's own header
  /// (CPython's testcapi_long.h, included as code) keeps its reports. The
  /// path ends inside that call; the innermost call site in the main file
  /// wins (a same-file helper's own call into the header). Caller is then
  /// the function making that call: the finding's function.
  SourceLocation reportLocation(const ento::PathDiagnostic &PD,
                                const Decl *&Caller) const {
    using namespace ento;
    SourceLocation Loc = PD.getLocation().asLocation();
    const SourceManager &SM = CI.getSourceManager();
    if (Loc.isInvalid() || SM.isInMainFile(SM.getExpansionLoc(Loc)) ||
        !SM.isInSystemHeader(SM.getExpansionLoc(Loc)))
      return Loc;
    SourceLocation Site;
    const PathPieces *Pieces = &PD.path;
    while (!Pieces->empty()) {
      const auto *Call = dyn_cast<PathDiagnosticCallPiece>(Pieces->back().get());
      if (!Call)
        break;
      SourceLocation At = Call->getLocation().asLocation();
      if (At.isValid() && SM.isInMainFile(SM.getExpansionLoc(At))) {
        Site = At;
        Caller = Call->getCaller();
      }
      Pieces = &Call->path;
    }
    return Site.isValid() ? Site : Loc;
  }

  ReportCandidate candidate(const ento::PathDiagnostic &PD) const {
    ReportCandidate C;
    Finding &F = C.F;
    F.Check = PD.getBugType().str();
    F.Message = withContractOrigin(PD.getVerboseDescription());
    const Decl *InFunction = PD.getDeclWithIssue();
    SourceLocation Loc = reportLocation(PD, InFunction);
    place(Loc, F.File, F.Line, F.Column);
    if (const auto *ND = dyn_cast_or_null<NamedDecl>(InFunction))
      F.Function = ND->getNameAsString();
    ReportTag Tag = decodeReportTag(PD.getShortDescription());
    // One object going wrong at several places: the site (after ";at=")
    // tells them apart in the id, and stays out of the origin.
    auto [Origin, Site] = StringRef(Tag.Origin).split(";at=");
    F.Origin = Origin.str();
    F.Impact = Tag.Impact.value_or(ImpactClass::EveryCall);
    if (F.Impact != ImpactClass::EveryCall) {
      F.ImpactCall = Tag.Call;
      F.ImpactReason = Tag.Reason;
    }
    C.Places.push_back(Cache.place(Loc, F.File, F.Line, F.Column));
    C.Places.push_back(placeOf(PD.getLocation().asLocation()));
    C.Places.push_back(placeOf(PD.getUniqueingLoc().asLocation()));
    collect(PD.path, C);
    // The last event restates the warning itself.
    if (!F.Path.empty() && F.Path.back().Message == F.Message &&
        F.Path.back().Line == F.Line) {
      F.Path.pop_back();
      C.Places.pop_back();
    }
    F.Id = computeFindingId(F.Check, projectPath(Loc), F.Function, Tag.Origin);
    C.Description = PD.getVerboseDescription().str();
    C.Category = PD.getCategory().str();
    C.DeclWithIssue = declKey(PD.getDeclWithIssue());
    C.SameAs = Tag.SameAs;
    C.FullSize = const_cast<ento::PathDiagnostic &>(PD).full_size();
    C.PathSize = PD.path.size();
    C.PD = &PD;
    C.Loc = Loc;
    return C;
  }

  void emitAsDiagnostics(const ento::PathDiagnostic &PD, const Finding &F,
                         SourceLocation Loc) {
    DiagnosticsEngine &DE = CI.getDiagnostics();
    unsigned WarnID =
        DE.getCustomDiagID(DiagnosticsEngine::Warning, "%0 [refcheck.%1]%2");
    DE.Report(Loc, WarnID)
        << F.Message << F.Check << impactSuffix(F);
    if (!VerifyNotes)
      return;
    unsigned NoteID = DE.getCustomDiagID(DiagnosticsEngine::Note, "%0");
    std::function<void(const ento::PathPieces &)> Emit =
        [&](const ento::PathPieces &Pieces) {
          using namespace ento;
          for (const PathDiagnosticPieceRef &P : Pieces) {
            if (const auto *Call = dyn_cast<PathDiagnosticCallPiece>(P.get())) {
              if (auto Enter = Call->getCallEnterEvent())
                DE.Report(Enter->getLocation().asLocation(), NoteID)
                    << Enter->getString();
              Emit(Call->path);
              if (auto Exit = Call->getCallExitEvent())
                DE.Report(Exit->getLocation().asLocation(), NoteID)
                    << Exit->getString();
            } else if (const auto *M =
                           dyn_cast<PathDiagnosticMacroPiece>(P.get())) {
              Emit(M->subPieces);
            } else if (isa<PathDiagnosticEventPiece>(P.get()) &&
                       P->getString() != F.Message) {
              DE.Report(P->getLocation().asLocation(), NoteID)
                  << P->getString();
            }
          }
        };
    Emit(PD.path);
  }
};

/// The functions a translation unit calls without defining them (outside
/// system headers), by contract name: what ContractAnnotator lists in
/// inference mode and ScanConsumer lists for the project's ordering.
template <typename Derived>
struct CalleeCollector : RecursiveASTVisitor<Derived> {
  ASTContext &Ctx;
  StringSet<> Called;
  explicit CalleeCollector(ASTContext &Ctx) : Ctx(Ctx) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  void callee(const FunctionDecl *FD) {
    // Declared in a system header or not: a project may include its own
    // headers with -isystem (a CPython tree's Include/), and the
    // inference counts no path through a project function it does not
    // know yet, wherever that is declared.
    if (FD && !FD->hasBody() && !FD->getBuiltinID())
      Called.insert(contractName(FD));
  }
  // Derived may hide callee() to see every call.
  bool VisitCallExpr(CallExpr *CE) {
    static_cast<Derived *>(this)->callee(CE->getDirectCallee());
    // A call through a callback field needs what the project stores there
    // (bound in this file or another; see dropBound).
    if (std::optional<std::string> Key = callbackFieldKey(CE))
      Called.insert(*Key);
    // A function handed to a call (a callback given to a library, as
    // dbus_pending_call_set_notify's free function): its caller is that
    // library, which relies on what the body does. It is used here as much
    // as a direct call would use it.
    for (const Expr *A : CE->arguments())
      if (const FunctionDecl *F = referencedFunction(A))
        static_cast<Derived *>(this)->callee(F);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    static_cast<Derived *>(this)->callee(CE->getConstructor());
    return true;
  }
  /// The callback fields this file stores its own functions in: defined
  /// here, not needed from elsewhere.
  void dropBound(const CallbackBindings &Bound) {
    for (const auto &E : Bound)
      Called.erase(E.first);
  }
};

/// Hands contracts to the analysis as the annotations a user would write
/// (refcheck::steals_arg, refcheck::returns_borrowed / returns_new), or
/// refcheck's own (returns_arg, returns_unknown, steals_arg_sometimes), on
/// every declaration of the function: the analyzed file's own functions (so
/// their bodies own the parameters they steal) and C++ members and
/// constructors, which the ApiModel cannot name. In inference mode, also
/// lists the functions called but not defined here.
class ContractAnnotator : public ASTConsumer {
  const StringMap<const InferredContract *> &Contracts;
  std::vector<std::string> *Callees;

public:
  ContractAnnotator(const StringMap<const InferredContract *> &Contracts,
                    std::vector<std::string> *Callees)
      : Contracts(Contracts), Callees(Callees) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    struct Visitor : CalleeCollector<Visitor> {
      const StringMap<const InferredContract *> &Contracts;
      Visitor(ASTContext &Ctx,
              const StringMap<const InferredContract *> &Contracts)
          : CalleeCollector(Ctx), Contracts(Contracts) {}
      void annotate(FunctionDecl *FD, StringRef What,
                    ArrayRef<Expr *> Args = {}) {
        for (const auto *A : FD->specific_attrs<AnnotateAttr>())
          if (A->getAnnotation() == What && Args.empty())
            return;
        FD->addAttr(AnnotateAttr::CreateImplicit(
            Ctx, What, const_cast<Expr **>(Args.data()), Args.size()));
      }
      Expr *number(FunctionDecl *FD, unsigned N) {
        QualType IntTy = Ctx.IntTy;
        return IntegerLiteral::Create(Ctx,
                                      llvm::APInt(Ctx.getIntWidth(IntTy), N),
                                      IntTy, FD->getLocation());
      }
      bool VisitFunctionDecl(FunctionDecl *FD) {
        if (Contracts.empty())
          return true;
        auto It = Contracts.find(contractName(FD));
        if (It == Contracts.end() || hasUserRefAnnotation(FD))
          return true;
        const FunctionSpec &S = It->second->Spec;
        for (auto [I, K] : S.Steals) {
          if (K == StealKind::No || I >= FD->getNumParams())
            continue;
          annotate(FD,
                   K == StealKind::Always ? "refcheck::steals_arg"
                                          : "refcheck::steals_arg_sometimes",
                   {number(FD, I + 1)});
        }
        if (S.Return == ReturnKind::Borrowed)
          annotate(FD, "refcheck::returns_borrowed");
        // Its paths disagree on what they return: a caller that does not
        // inline it stops judging the result, as for another file's.
        if (S.Return == ReturnKind::Unknown)
          annotate(FD, "refcheck::returns_unknown");
        // Hands back what it is given: its body owes no new reference.
        // Its calls the analyzer does not follow read which argument, and
        // whether it may be NULL, here (RefSummaryManager::fromAnnotations).
        if (S.Return == ReturnKind::Alias)
          annotate(FD, "refcheck::returns_arg",
                   {number(FD, S.AliasArg + 1), number(FD, S.CanFail)});
        return true;
      }
    } V(Ctx, Contracts);
    V.TraverseDecl(Ctx.getTranslationUnitDecl());
    if (Callees) {
      V.dropBound(callbackBindings(Ctx));
      for (const auto &E : V.Called)
        Callees->push_back(E.getKey().str());
    }
  }
};

/// Scan mode: from the parse alone, the functions a file defines that
/// inference would give contracts to (wantsContract) and those it calls
/// without defining, the same names ContractAnnotator lists. What the
/// project's inference needs to order its files, at the cost of a parse.
class ScanConsumer : public ASTConsumer {
  FileContracts &Out;

public:
  explicit ScanConsumer(FileContracts &Out) : Out(Out) {}

  /// A system header's inline bodies (Python.h's) call nothing of a
  /// project and define nothing it infers: the scan does not parse them.
  bool shouldSkipFunctionBody(Decl *D) override {
    const SourceManager &SM = D->getASTContext().getSourceManager();
    return SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation()));
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    struct Visitor : CalleeCollector<Visitor> {
      std::vector<const FunctionDecl *> Defined;
      using CalleeCollector::CalleeCollector;
      bool VisitFunctionDecl(FunctionDecl *FD) {
        if (FD->doesThisDeclarationHaveABody() && wantsContract(FD))
          Defined.push_back(FD);
        return true;
      }
    } V(Ctx);
    V.TraverseDecl(Ctx.getTranslationUnitDecl());
    CallbackBindings Bound = callbackBindings(Ctx);
    V.dropBound(Bound);
    for (const auto &E : V.Called)
      Out.Callees.push_back(E.getKey().str());
    // Overloads and template instantiations share a name, and a callback
    // field holds several functions: one entry, needing what any of them
    // needs.
    auto Need = [&](const std::string &Name, const FunctionDecl *FD) {
      std::vector<std::string> &Needs = Out.Needs[Name];
      for (std::string &N : needs(Ctx, FD))
        if (N != Name)
          Needs.push_back(std::move(N));
      llvm::sort(Needs);
      Needs.erase(std::unique(Needs.begin(), Needs.end()), Needs.end());
    };
    for (const FunctionDecl *FD : V.Defined)
      Need(contractName(FD), FD);
    for (const auto &[Key, Fns] : Bound)
      for (const FunctionDecl *FD : Fns)
        if (!hasUserRefAnnotation(FD))
          Need(Key, FD);
    for (const auto &E : Out.Needs)
      Out.Defines.push_back(E.first);
  }

private:
  /// What another file defines that FD's contract depends on: the
  /// functions without a body here that FD calls, directly or through the
  /// functions of this unit it calls (their bodies are followed when FD is
  /// explored).
  static std::vector<std::string> needs(ASTContext &Ctx,
                                        const FunctionDecl *FD) {
    struct Calls : CalleeCollector<Calls> {
      /// The bodies to read: FD's, then those of the functions it reaches.
      std::vector<const FunctionDecl *> Work;
      SmallPtrSet<const FunctionDecl *, 16> Seen;
      using CalleeCollector::CalleeCollector;
      void callee(const FunctionDecl *Callee) {
        const FunctionDecl *Def = nullptr;
        if (Callee && Callee->hasBody(Def)) {
          // The C API's inline bodies (Py_INCREF) call nothing of a project.
          if (!Ctx.getSourceManager().isInSystemHeader(Def->getLocation()) &&
              Seen.insert(Def).second)
            Work.push_back(Def);
        } else {
          CalleeCollector::callee(Callee);
        }
      }
    } C(Ctx);
    C.Work.push_back(FD);
    C.Seen.insert(FD);
    for (size_t I = 0; I < C.Work.size(); ++I)
      C.TraverseStmt(C.Work[I]->getBody());
    std::vector<std::string> Out;
    for (const auto &E : C.Called)
      Out.push_back(E.getKey().str());
    llvm::sort(Out);
    return Out;
  }
};

class ScanAction : public ASTFrontendAction {
  FileContracts &Out;
  std::vector<InputFile> *Inputs;

public:
  ScanAction(FileContracts &Out, std::vector<InputFile> *Inputs)
      : Out(Out), Inputs(Inputs) {}
  bool BeginInvocation(CompilerInstance &CI) override {
    // A scan's warnings are the analysis's to show: no "N warnings
    // generated." trailer either (it printed under -q).
    CI.getDiagnosticOpts().ShowCarets = false;
    return true;
  }
  void EndSourceFileAction() override {
    recordInputs(getCompilerInstance(), Inputs);
  }
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    // Only the bodies ScanConsumer::shouldSkipFunctionBody names.
    CI.getFrontendOpts().SkipFunctionBodies = true;
    return std::make_unique<ScanConsumer>(Out);
  }
};

/// The analysis that follows an inference in the same parse: of Cmd, into
/// Out, with the file's own contracts the inference found (Own) as
/// annotations. Enter makes the checker config of a phase active.
struct SecondPhase {
  const FileCommand &Cmd;
  Results &Out;
  std::function<void(bool Analysis)> Enter;
  /// The file's own contracts as an earlier round inferred them (a file in
  /// a cycle of calls is inferred a few functions at a time), then Own:
  /// those with what this inference just found.
  StringMap<const InferredContract *> Earlier;
  StringMap<const InferredContract *> Own;
  EntryPointIndex Entries;
  FunctionCache *Functions = nullptr;
};

/// The name of the inference phase of a file's other functions in the
/// inference cache (HelperPhase names the helpers').
static constexpr const char *ContractsPhaseName = "contracts";

/// The inference of a file's static helpers that the analysis will not
/// follow (wantsUnitContract), first in a parse, so the phases after it
/// (the inference of the other functions, the analysis, which explores
/// callers before callees) find the helpers' contracts made.
struct HelperPhase {
  /// Makes the helpers' checker config active (true: the config of the
  /// round under way) or the config of the phase after it (false).
  std::function<void(bool Helpers)> Enter;
  /// The first round's contracts, and the second's.
  FileContracts Out, Again;
  Results Unused;
  /// The contracts by name, once a round ran (the second's replace the
  /// first's).
  StringMap<const InferredContract *> ByName;
  /// The helpers whose first exploration called a helper explored after
  /// it (callees come first: one of a cycle of calls): the second round
  /// explores them again, with the first's contracts at hand.
  StringSet<> Waited;
  CheckerConfig First, Second;
  bool InSecond = false;

  HelperPhase(const ApiModel *Model, std::function<void(bool)> Enter)
      : Enter(std::move(Enter)) {
    for (CheckerConfig *C : {&First, &Second}) {
      C->Model = Model;
      C->InferContracts = true;
      C->InferUnitLocal = C->InferUnitLocalOnly = true;
    }
    First.InferredSink = &Out.Contracts;
    First.WaitedSink = &Waited;
    Second.InferredSink = &Again.Contracts;
    Second.HelperRedo = &Waited;
    Second.UnitHelpers = &ByName;
  }
  const CheckerConfig &config() const { return InSecond ? Second : First; }
  /// The rounds' names in the inference cache.
  static constexpr const char *FirstName = "helpers",
                              *SecondName = "helpers-again";
  /// Keeps the rounds' steps per function in Cache (if any).
  void keepIn(InferenceCache *Cache) {
    if (!Cache)
      return;
    First.Memo = &Cache->phase(FirstName);
    Second.Memo = &Cache->phase(SecondName);
  }
  void setProjectFunctions(const StringSet<> *P) {
    First.ProjectFunctions = Second.ProjectFunctions = P;
  }
  void collect() {
    ByName.clear();
    for (const FileContracts *F : {&Out, &Again})
      for (const InferredContract &C : F->Contracts)
        ByName[C.Spec.Name] = &C;
  }
};

/// The analyzer explores as top-level functions those of the main file
/// only. A unit that #includes other .c files (a module built as one unit)
/// has its code there too: then every file's functions are explored, and
/// the checkers end at once those of headers (isInCodeFile).
class CodeFilesSwitch : public ASTConsumer {
  AnalyzerOptions &AO;

public:
  explicit CodeFilesSwitch(AnalyzerOptions &AO) : AO(AO) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (includesCodeFiles(Ctx))
      AO.AnalyzeAll = true;
  }
};

/// Calls Enter when the consumers after it start and when they run: how
/// the phases of one parse take turns with the analyzer's options.
class PhaseSwitch : public ASTConsumer {
  std::function<void()> Enter;

public:
  explicit PhaseSwitch(std::function<void()> Enter) : Enter(std::move(Enter)) {}
  void Initialize(ASTContext &) override { Enter(); }
  void HandleTranslationUnit(ASTContext &) override { Enter(); }
};

/// The budgets of an analysis as the command line set them (clang's
/// defaults, or --analyzer-config): an inference in the same parse changes
/// them, the analysis after it gets them back.
struct AnalysisBudget {
  AnalysisInliningMode Inlining;
  unsigned MaxNodes;
  unsigned MaxLoop;
  explicit AnalysisBudget(const AnalyzerOptions &AO)
      : Inlining(AO.InliningMode), MaxNodes(AO.MaxNodesPerTopLevelFunction),
        MaxLoop(AO.maxBlockVisitOnPath) {}
};

/// The part of the analysis's node budget an inference explores a function
/// with. A contract needs every path: an exploration cut short by its
/// budget gives an unknown contract however far it went, and such
/// explorations were most of the inference's time. The completed ones
/// need far less: of about 2,000 functions inferred on CPython's Objects
/// and three extension projects, the largest took 118,000 nodes
/// (python-ldap's LDAPmessage_to_python); two thirds of the default budget
/// is 150,000.
constexpr unsigned InferenceBudgetNum = 2, InferenceBudgetDen = 3;

/// The part of the analysis's node budget the static helpers the analysis
/// will not follow (HelperPhase) are explored with: a quarter. Such a
/// helper that runs out of it gets the contract its shape gives, unless a
/// path seen returned a borrowed reference, as it would with two thirds.
/// On cffi's _cffi_backend.c eight helpers ran out of two thirds, at
/// 170,000-180,000 nodes each: three quarters of the inference's work
/// for the same contracts. With 50,000 nodes, the findings of 41 projects
/// were the same, and cffi's inference took a third of the time.
constexpr unsigned HelperBudgetDen = 4;

/// How often an inference's path may enter a block (the analysis:
/// DefaultMaxLoop, or max-loop): one pass of a loop and its exit, or two
/// passes for a path that leaves from inside it. A contract is what the
/// returns have in common, and a loop that keeps its references balanced
/// shows it on its first pass; more passes multiply the paths of a loop
/// with error exits, and cut explorations short of their node budget (an
/// unknown contract).
constexpr unsigned InferenceLoopVisits = 2;

/// clang's own -analyzer-max-loop when none is given.
constexpr unsigned ClangDefaultMaxLoop = 4;

/// How often an analysis's path may enter a block: --analyzer-config
/// max-loop=N; else the compile flags' -analyzer-max-loop if they set one
/// (B differs from clang's default); else DefaultMaxLoop.
static unsigned analysisMaxLoop(const DriverOptions &Opts,
                                const AnalysisBudget &B) {
  for (const std::string &KV : llvm::reverse(Opts.AnalyzerConfig)) {
    auto [K, V] = StringRef(KV).split('=');
    unsigned N;
    if (K == MaxLoopConfigKey && !V.getAsInteger(10, N) && N > 0)
      return N;
  }
  if (B.MaxLoop != ClangDefaultMaxLoop)
    return B.MaxLoop;
  return DefaultMaxLoop;
}

/// The analyzer's options for an inference (Infer) or an analysis, whose
/// own budgets are B.
static void configureAnalyzer(AnalyzerOptions &AO, bool Infer,
                              const DriverOptions &Opts,
                              const AnalysisBudget &B) {
  AO.CheckersAndPackages.clear();
  AO.InliningMode = B.Inlining;
  AO.MaxNodesPerTopLevelFunction = B.MaxNodes;
  AO.maxBlockVisitOnPath = analysisMaxLoop(Opts, B);
  if (Infer) {
    AO.CheckersAndPackages.push_back({ContractInferenceName, true});
    AO.CheckersAndPackages.push_back({DereferenceModelName, true});
    // Every function is explored as a top-level one too, even where it
    // was inlined into a caller.
    AO.InliningMode = All;
    // 0 is no limit.
    if (B.MaxNodes)
      AO.MaxNodesPerTopLevelFunction = std::max<unsigned>(
          1, B.MaxNodes / InferenceBudgetDen * InferenceBudgetNum);
    AO.maxBlockVisitOnPath =
        std::min(AO.maxBlockVisitOnPath, InferenceLoopVisits);
  } else {
    for (const char *Name : checkerFullNames())
      AO.CheckersAndPackages.push_back({Name, true});
  }
  // Modelling only: __builtin_expect and friends, noreturn functions.
  AO.CheckersAndPackages.push_back({"core.builtin.BuiltinFunctions", true});
  AO.CheckersAndPackages.push_back({"core.builtin.NoReturnFunctions", true});
  AO.AnalysisDiagOpt = PD_NONE;
  // refcheck's own refutation (lib/Checker/Refutation.cpp) in place of
  // the analyzer's, unless the user asks for the analyzer's by name.
  bool Refute = !Infer && Opts.CrosscheckZ3 && z3Available();
  AO.Config[RefuteWithZ3Key] = Refute ? "true" : "false";
  auto UserSet = [&](StringRef Key) {
    return any_of(Opts.AnalyzerConfig, [&](const std::string &KV) {
      return StringRef(KV).split('=').first == Key;
    });
  };
  if (!UserSet("crosscheck-with-z3"))
    AO.ShouldCrosscheckWithZ3 = false;
  // Z3's wall-clock limits (per query and per group of reports) drop
  // reports when the machine is busy, so the same file gave different
  // findings from run to run. Only the resource limit, which counts
  // Z3's own work, decides, unless the user sets them
  // (--analyzer-config reaches AO through the command line:
  // addAnalyzerConfig()).
  if (!UserSet("crosscheck-with-z3-eqclass-timeout-threshold"))
    AO.Z3CrosscheckEQClassTimeoutThreshold = 0;
  if (!UserSet("crosscheck-with-z3-timeout-threshold"))
    AO.Z3CrosscheckTimeoutThreshold = 0;
  AO.AnalyzerDisplayProgress = false;
}

/// The consumers of one inference (Infer) or analysis of a parse: the
/// annotations the contracts make, the table of Python names (Entries,
/// read from the same parse), the analyzer itself.
/// Prints the unit's functions for the function cache (FunctionCache),
/// before the analysis, with the analysis's config active.
class UnitPrinter : public ASTConsumer {
  CompilerInstance &CI;
  FunctionCache &Cache;

public:
  UnitPrinter(CompilerInstance &CI, FunctionCache &Cache)
      : CI(CI), Cache(Cache) {}
  void HandleTranslationUnit(ASTContext &) override {
    if (CI.getDiagnostics().hasErrorOccurred())
      return;
    const CheckerConfig *Cfg = activeCheckerConfig();
    Cache.setUnit(CI, Cfg ? Cfg->OwnContracts : nullptr,
                  Cfg && Cfg->Model ? Cfg->Model->fingerprint() : "");
  }
};

static std::vector<std::unique_ptr<ASTConsumer>>
phaseConsumers(CompilerInstance &CI, const FileCommand &Cmd,
               const DriverOptions &Opts, Results &Out, FileContracts *Infer,
               const StringMap<const InferredContract *> &AsAnnotations,
               EntryPointIndex *Entries, bool AlwaysAnnotate = false,
               const StringMap<const InferredContract *> *Earlier = nullptr,
               FunctionCache *Functions = nullptr,
               InferencePhase *Phase = nullptr) {
  bool Verify = !Infer && CI.getDiagnosticOpts().VerifyDiagnostics;
  std::unique_ptr<ASTConsumer> Consumer;
  if (Infer) {
    // Callees first, each contract used at the calls after it.
    Consumer = makeInferenceConsumer(CI, Infer->Contracts, Earlier, Phase);
  } else {
    // An analysis keeps its findings per function (AnalysisSetup).
    assert(Functions && "an analysis without its FunctionCache");
    auto Analysis = ento::CreateAnalysisConsumer(CI);
    Analysis->AddCheckerRegistrationFn(registerCheckers);
#if LLVM_VERSION_MAJOR >= 21
    Analysis->AddDiagnosticConsumer(std::make_unique<FindingCollector>(
        CI, Cmd, Out, Verify, Opts.VerifyNotes, *Functions));
#else
    Analysis->AddDiagnosticConsumer(new FindingCollector(
        CI, Cmd, Out, Verify, Opts.VerifyNotes, *Functions));
#endif
    Consumer = std::move(Analysis);
  }
  std::vector<std::unique_ptr<ASTConsumer>> All;
  // AsAnnotations is read when the unit is complete: an earlier phase of
  // the same parse may fill it (AlwaysAnnotate).
  if (!AsAnnotations.empty() || Infer || AlwaysAnnotate)
    All.push_back(std::make_unique<ContractAnnotator>(
        AsAnnotations, Infer ? &Infer->Callees : nullptr));
  if (Entries)
    All.push_back(makeEntryPointConsumer(*Entries));
  All.push_back(std::make_unique<CodeFilesSwitch>(CI.getAnalyzerOpts()));
  if (!Infer)
    All.push_back(std::make_unique<UnitPrinter>(CI, *Functions));
  All.push_back(std::move(Consumer));
  return All;
}

class RefcheckAction : public ASTFrontendAction {
  const FileCommand &Cmd;
  const DriverOptions &Opts;
  Results &Out;
  std::vector<InputFile> *Inputs;
  /// Inference mode: the contracts found, and the functions called.
  FileContracts *Infer;
  const StringMap<const InferredContract *> &AsAnnotations;
  /// Analysis mode: the Python names of the unit, read from the same AST.
  EntryPointIndex *Entries;
  /// Inference mode: the analysis to run on the same parse afterwards.
  SecondPhase *Then;
  /// The inference of the static helpers to run first, if any.
  HelperPhase *Helpers;
  /// Analysis mode: the findings kept per function.
  FunctionCache *Functions;
  /// The inference phases' steps kept per function, if kept.
  InferenceCache *Inference;

  InferencePhase *phase(StringRef Name) const {
    return Inference ? &Inference->phase(Name) : nullptr;
  }

public:
  RefcheckAction(const FileCommand &Cmd, const DriverOptions &Opts,
                 Results &Out, std::vector<InputFile> *Inputs,
                 FileContracts *Infer,
                 const StringMap<const InferredContract *> &AsAnnotations,
                 EntryPointIndex *Entries, SecondPhase *Then,
                 HelperPhase *Helpers, FunctionCache *Functions,
                 InferenceCache *Inference)
      : Cmd(Cmd), Opts(Opts), Out(Out), Inputs(Inputs), Infer(Infer),
        AsAnnotations(AsAnnotations), Entries(Entries), Then(Then),
        Helpers(Helpers), Functions(Functions), Inference(Inference) {}

  void EndSourceFileAction() override {
    recordInputs(getCompilerInstance(), Inputs);
  }

  bool BeginInvocation(CompilerInstance &CI) override {
    // Without -v, compile errors reach the user as refcheck's one-line
    // error: no "N errors generated." trailer either.
    if (!Opts.Verbose && !CI.getDiagnosticOpts().VerifyDiagnostics)
      CI.getDiagnosticOpts().ShowCarets = false;
    return true;
  }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    AnalyzerOptions &AO = CI.getAnalyzerOpts();
    // The analysis's own budgets: the inference's replace them.
    AnalysisBudget Saved(AO);
    configureAnalyzer(AO, Infer != nullptr, Opts, Saved);
    std::vector<std::unique_ptr<ASTConsumer>> All;
    if (Helpers) {
      // The helpers first, then the phase this action is for, with the
      // helpers' contracts at hand. Two rounds: the second explores only
      // the helpers the first left waiting (HelperPhase::Waited); none,
      // and it explores nothing.
      for (bool Second : {false, true}) {
        All.push_back(std::make_unique<PhaseSwitch>([this, &AO, Saved, Second] {
          configureAnalyzer(AO, /*Infer=*/true, Opts, Saved);
          if (Saved.MaxNodes)
            AO.MaxNodesPerTopLevelFunction =
                std::max<unsigned>(1, Saved.MaxNodes / HelperBudgetDen);
          if (Second)
            Helpers->collect();
          Helpers->InSecond = Second;
          Helpers->Enter(true);
        }));
        for (std::unique_ptr<ASTConsumer> &C : phaseConsumers(
                 CI, Cmd, Opts, Helpers->Unused,
                 Second ? &Helpers->Again : &Helpers->Out, AsAnnotations,
                 nullptr, false, &Helpers->ByName, nullptr,
                 phase(Second ? HelperPhase::SecondName
                              : HelperPhase::FirstName)))
          All.push_back(std::move(C));
      }
      All.push_back(std::make_unique<PhaseSwitch>([this, &AO, Saved] {
        configureAnalyzer(AO, Infer != nullptr, Opts, Saved);
        Helpers->collect();
        Helpers->Enter(false);
      }));
    }
    size_t MainPhase = All.size();
    for (std::unique_ptr<ASTConsumer> &C :
         phaseConsumers(CI, Cmd, Opts, Out, Infer, AsAnnotations, Entries,
                        /*AlwaysAnnotate=*/Helpers != nullptr,
                        Helpers ? &Helpers->ByName : nullptr, Functions,
                        Infer ? phase(ContractsPhaseName) : nullptr))
      All.push_back(std::move(C));
    if (Then && Infer) {
      // Both phases read the same analyzer options and the checker config
      // made active: each phase sets them when it starts (its analyzer
      // registers its checkers) and when it runs.
      All.insert(All.begin() + MainPhase,
                 std::make_unique<PhaseSwitch>([this, &AO, Saved] {
                   configureAnalyzer(AO, /*Infer=*/true, Opts, Saved);
                   Then->Enter(/*Analysis=*/false);
                 }));
      All.push_back(std::make_unique<PhaseSwitch>([this, &AO, Saved] {
        configureAnalyzer(AO, /*Infer=*/false, Opts, Saved);
        Then->Enter(/*Analysis=*/true);
        // What the inference just found about the file's own functions.
        Then->Own = Then->Earlier;
        for (const InferredContract &C : Infer->Contracts)
          Then->Own[C.Spec.Name] = &C;
        if (Helpers)
          for (const auto &E : Helpers->ByName)
            Then->Own[E.getKey()] = E.getValue();
      }));
      for (std::unique_ptr<ASTConsumer> &C :
           phaseConsumers(CI, Then->Cmd, Opts, Then->Out, nullptr, Then->Own,
                          &Then->Entries, /*AlwaysAnnotate=*/true, nullptr,
                          Then->Functions))
        All.push_back(std::move(C));
    }
    if (All.size() == 1)
      return std::move(All.front());
    return std::make_unique<MultiplexConsumer>(std::move(All));
  }
};

class RefcheckActionFactory : public FrontendActionFactory {
  const FileCommand &Cmd;
  const DriverOptions &Opts;
  Results &Out;
  std::vector<InputFile> *Inputs;
  FileContracts *Infer;
  const StringMap<const InferredContract *> &AsAnnotations;
  EntryPointIndex *Entries;
  SecondPhase *Then;
  HelperPhase *Helpers;
  FunctionCache *Functions;
  InferenceCache *Inference;

public:
  RefcheckActionFactory(
      const FileCommand &Cmd, const DriverOptions &Opts, Results &Out,
      std::vector<InputFile> *Inputs, FileContracts *Infer,
      const StringMap<const InferredContract *> &AsAnnotations,
      EntryPointIndex *Entries = nullptr, SecondPhase *Then = nullptr,
      HelperPhase *Helpers = nullptr, FunctionCache *Functions = nullptr,
      InferenceCache *Inference = nullptr)
      : Cmd(Cmd), Opts(Opts), Out(Out), Inputs(Inputs), Infer(Infer),
        AsAnnotations(AsAnnotations), Entries(Entries), Then(Then),
        Helpers(Helpers), Functions(Functions), Inference(Inference) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<RefcheckAction>(Cmd, Opts, Out, Inputs, Infer,
                                            AsAnnotations, Entries, Then,
                                            Helpers, Functions, Inference);
  }
};
} // namespace

/// Clang's builtin headers: a copy installed next to refcheck, else the
/// LLVM installation refcheck was built against.
static std::string resourceDir() {
  std::string Exe = sys::fs::getMainExecutable(
      nullptr, reinterpret_cast<void *>(&resourceDir));
  SmallString<256> Installed(sys::path::parent_path(sys::path::parent_path(Exe)));
  sys::path::append(Installed, "lib", "refcheck", "clang",
                    std::to_string(REFCHECK_LLVM_VERSION_MAJOR));
  SmallString<256> Probe(Installed);
  sys::path::append(Probe, "include", "stddef.h");
  if (sys::fs::exists(Probe))
    return Installed.str().str();
  return REFCHECK_CLANG_RESOURCE_DIR;
}

/// How many of File's first bytes the prefix PCH stands for: 0 without
/// one, or if File no longer starts with the prefix it was built from
/// (edited during the run), when the parse reads it all.
static size_t prefixBytesFor(StringRef PCH, StringRef File) {
  if (PCH.empty())
    return 0;
  auto Built = MemoryBuffer::getFile(prefixPCHHeader(PCH));
  auto Text = MemoryBuffer::getFile(File);
  if (!Built || !Text)
    return 0;
  LeadingPrefix P = leadingIncludePrefix((*Text)->getBuffer());
  return P.Text == (*Built)->getBuffer() ? P.Bytes : 0;
}

/// The compile command refcheck runs for Cmd: clang's resource folder,
/// refcheck's macros, the file's flags. In inference mode clang's -verify
/// is dropped: nothing is reported there.
CompileCommand refcheck::toolCommand(const FileCommand &Cmd, bool Infer) {
  SmallString<256> Abs(Cmd.File);
  sys::fs::make_absolute(Abs);
  sys::path::remove_dots(Abs, true);

  CompileCommand CC;
  CC.Directory = Cmd.Directory;
  CC.Filename = Abs.str().str();
  CC.CommandLine.push_back("clang");
  CC.CommandLine.push_back("-resource-dir=" + resourceDir());
  // Flags from GCC-built databases that clang does not know are not fatal.
  CC.CommandLine.push_back("-Wno-unknown-warning-option");
  CC.CommandLine.push_back("-Qunused-arguments");
  // refcheck's annotations (refcheck/annotations.h) turn on under
  // __REFCHECK__; cpychecker's attribute names are mapped onto them so
  // code annotated for cpychecker works unchanged.
  for (const char *D :
       {"-D__REFCHECK__=1", "-DWITH_CPYCHECKER_RETURNS_BORROWED_REF_ATTRIBUTE",
        "-DWITH_CPYCHECKER_STEALS_REFERENCE_TO_ARG_ATTRIBUTE",
        "-Dcpychecker_returns_borrowed_ref=annotate(\"refcheck::returns_borrowed\")",
        "-Dcpychecker_steals_reference_to_arg(n)=annotate(\"refcheck::steals_arg\",n)",
        "-DWITH_CPYCHECKER_SETS_EXCEPTION_ATTRIBUTE",
        "-DWITH_CPYCHECKER_NEGATIVE_RESULT_SETS_EXCEPTION_ATTRIBUTE",
        "-Dcpychecker_sets_exception=annotate(\"refcheck::sets_exception\")",
        "-Dcpychecker_negative_result_sets_exception=annotate(\"refcheck::negative_sets_exception\")"})
    CC.CommandLine.push_back(D);
  for (size_t I = 0; I < Cmd.Args.size(); ++I) {
    StringRef A = Cmd.Args[I];
    if (Infer && A == "-Xclang" && I + 1 < Cmd.Args.size() &&
        StringRef(Cmd.Args[I + 1]).starts_with("-verify")) {
      ++I;
      continue;
    }
    if (Infer && A.starts_with("-verify"))
      continue;
    CC.CommandLine.push_back(A.str());
  }
  if (size_t Skip = prefixBytesFor(Cmd.PrefixPCH, CC.Filename)) {
    CC.CommandLine.push_back("-include-pch");
    CC.CommandLine.push_back(Cmd.PrefixPCH);
    // The PCH is the file's first Skip bytes, as a precompiled preamble
    // is: the lexer starts after them.
    CC.CommandLine.push_back("-Xclang");
    CC.CommandLine.push_back("-preamble-bytes=" + std::to_string(Skip) + ",1");
  }
  CC.CommandLine.push_back(CC.Filename);
  return CC;
}

std::string refcheck::absolutePath(StringRef Name, StringRef Directory) {
  SmallString<256> Abs(Name);
  if (!sys::path::is_absolute(Abs) && !Directory.empty())
    sys::fs::make_absolute(Directory, Abs);
  sys::fs::make_absolute(Abs);
  sys::path::remove_dots(Abs, true);
  return Abs.str().str();
}

void refcheck::makeInputsAbsolute(std::vector<InputFile> &Inputs,
                                  StringRef Directory) {
  for (InputFile &In : Inputs)
    In.Path = absolutePath(In.Path, Directory);
}

/// The contracts Opts carries for functions Cmd's file defines: they reach
/// its analysis as annotations, not through the model.
static bool isOwnContract(const InferredContract &C, const FileCommand &Cmd) {
  SmallString<256> Abs(Cmd.File);
  sys::fs::make_absolute(Abs);
  sys::path::remove_dots(Abs, true);
  return C.Spec.originFile() == displayPath(Abs);
}

/// The file a per-function cache of Rooted's parse is kept in, under
/// Folder of the cache folder; none without a cache folder or in clang's
/// -verify mode. Keyed without the contracts: each function's print covers
/// those it reads.
static std::string unitCachePath(const FileCommand &Rooted,
                                 const DriverOptions &Opts,
                                 const ApiModel &Model, StringRef Folder) {
  if (Opts.FunctionCache.empty() || isVerifyMode(Rooted))
    return "";
  std::string Key = analysisKey(
      Rooted, Opts, Model.fingerprint(/*WithInferred=*/false),
      sys::fs::getMainExecutable(nullptr, (void *)&refcheck::z3Available));
  SmallString<256> P(Opts.FunctionCache);
  sys::path::append(P, Folder, Key.substr(0, 2), Key + ".json");
  return P.str().str();
}

/// Cmd with its project root, as the caches name it.
static FileCommand rootedCommand(const FileCommand &Cmd, StringRef AbsFile) {
  FileCommand Rooted = Cmd;
  if (Rooted.ProjectRoot.empty())
    Rooted.ProjectRoot = projectRootFor(AbsFile, "");
  return Rooted;
}

namespace {
/// What an analysis of Cmd needs besides its parse. The file's own
/// contracts become annotations on its functions (their bodies own the
/// parameters they steal), C++ members' too; the model keeps the other
/// files' contracts.
struct AnalysisSetup {
  StringMap<const InferredContract *> AsAnnotations;
  std::optional<ApiModel> Filtered;
  CheckerConfig Config;
  /// Commands made outside planCommands() name no root: the usual one.
  FileCommand Rooted;
  /// The unit's definitions, and the findings of its functions, kept in
  /// the cache folder if there is one.
  std::unique_ptr<UnitIndex> Index;
  std::unique_ptr<FunctionCache> Functions;

  AnalysisSetup(const FileCommand &Cmd, const DriverOptions &Opts,
                const ApiModel &Model, StringRef AbsFile)
      : Rooted(rootedCommand(Cmd, AbsFile)) {
    if (!Opts.Contracts.empty()) {
      DriverOptions Others = Opts;
      Others.Contracts.clear();
      for (const InferredContract &C : Opts.Contracts) {
        if (isOwnContract(C, Cmd) || StringRef(C.Spec.Name).contains("::"))
          AsAnnotations[C.Spec.Name] = &C;
        else
          Others.Contracts.push_back(C);
      }
      if (Others.Contracts.size() != Opts.Contracts.size()) {
        if (Expected<ApiModel> M = loadApiModel(Others))
          Filtered = std::move(*M);
        else
          consumeError(M.takeError());
      }
    }
    Config.Model = Filtered ? &*Filtered : &Model;
    Config.OwnContracts = &AsAnnotations;
    for (const std::string &C : Opts.DisabledChecks)
      Config.Disabled.insert(C);
    Index = std::make_unique<UnitIndex>(Cmd.Directory);
    Functions = std::make_unique<FunctionCache>(
        unitCachePath(Rooted, Opts, Model, "functions"), *Index);
    Config.TopLevel = Functions.get();
  }
};
} // namespace

/// The last touches of a completed analysis: the file counts, its inputs
/// are absolute and in order, each finding names the Python names that
/// reach it.
static void finishAnalysis(Results &R, const FileCommand &Cmd,
                           std::vector<InputFile> *Inputs,
                           const EntryPointIndex &Entries) {
  R.FilesAnalyzed = 1;
  if (Inputs) {
    makeInputsAbsolute(*Inputs, Cmd.Directory);
    llvm::sort(*Inputs, [](const InputFile &A, const InputFile &B) {
      return A.Path < B.Path;
    });
    Inputs->erase(llvm::unique(*Inputs,
                               [](const InputFile &A, const InputFile &B) {
                                 return A.Path == B.Path;
                               }),
                  Inputs->end());
  }
  attachEntryPoints(R, Entries);
}

static FileContracts inferOnce(const FileCommand &Cmd,
                               const DriverOptions &Opts,
                               const ApiModel &Model,
                               std::vector<InputFile> *Inputs,
                               Results *ThenAnalysis) {
  FileContracts Out;
  CompileCommand CC = toolCommand(Cmd, /*Infer=*/true);
  SingleCommandDatabase DB(CC);
  CheckerConfig Config;
  Config.Model = &Model;
  Config.InferContracts = true;
  Config.InferredSink = &Out.Contracts;
  Config.ProjectFunctions = &Opts.ProjectFunctions;
  Config.InferOnly = &Opts.InferOnly;
  std::optional<ScopedCheckerConfig> Active;
  Active.emplace(Config);
  // The file's static helpers come first (HelperPhase).
  std::optional<HelperPhase> Helpers;
  if (Opts.InferUnitContracts) {
    Helpers.emplace(&Model, [&](bool H) {
      Active.reset();
      Active.emplace(H ? Helpers->config() : Config);
    });
    Helpers->setProjectFunctions(&Opts.ProjectFunctions);
    Config.UnitHelpers = &Helpers->ByName;
  }
  // The analysis after it, if asked for, and the parse's definitions.
  std::optional<AnalysisSetup> Setup;
  if (ThenAnalysis)
    Setup.emplace(Cmd, Opts, Model, CC.Filename);
  std::optional<UnitIndex> OwnIndex;
  if (!Setup)
    OwnIndex.emplace(Cmd.Directory);
  // Each phase's explorations, kept per function.
  std::optional<InferenceCache> Inference;
  if (std::string Path = unitCachePath(rootedCommand(Cmd, CC.Filename), Opts,
                                       Model, "inference");
      !Path.empty()) {
    Inference.emplace(std::move(Path), Setup ? *Setup->Index : *OwnIndex);
    Config.Memo = &Inference->phase(ContractsPhaseName);
    if (Helpers)
      Helpers->keepIn(&*Inference);
  }
  ClangTool Tool = makeTool(DB, CC.Filename);
  for (const auto &[Path, Text] : Cmd.VirtualFiles)
    Tool.mapVirtualFile(Path, Text);
  IntrusiveRefCntPtr<DiagnosticOptions> DiagOpts = new DiagnosticOptions();
  // A file's compiler warnings are its analysis's to show (-v): here
  // only when the analysis follows in this parse.
  CompileDiagnostics Diags(DiagOpts.get(), Opts.Verbose && ThenAnalysis);
  Tool.setDiagnosticConsumer(&Diags);
  Tool.setPrintErrorMessage(false);
  // C++ members of other files are known by annotation only.
  StringMap<const InferredContract *> AsAnnotations;
  for (const InferredContract &C : Opts.Contracts)
    if (StringRef(C.Spec.Name).contains("::"))
      AsAnnotations[C.Spec.Name] = &C;
  // The analysis after it. Opts hold the contracts of this file's own
  // functions that earlier rounds inferred (none, unless the file is in a
  // cycle of calls between files): with the ones this inference finds,
  // they are handed over as annotations.
  std::optional<SecondPhase> Then;
  if (ThenAnalysis) {
    Then.emplace(SecondPhase{Setup->Rooted, *ThenAnalysis,
                             [&](bool Analysis) {
                               Active.reset();
                               Active.emplace(Analysis ? Setup->Config
                                                       : Config);
                             },
                             {}, {}, {}});
    for (const auto &E : Setup->AsAnnotations)
      if (!E.getKey().contains("::"))
        Then->Earlier[E.getKey()] = E.getValue();
    Setup->Config.OwnContracts = &Then->Own;
    Then->Functions = Setup->Functions.get();
  }
  Results Unused;
  RefcheckActionFactory Factory(Cmd, Opts, Unused, Inputs, &Out, AsAnnotations,
                                nullptr, Then ? &*Then : nullptr,
                                Helpers ? &*Helpers : nullptr, nullptr,
                                Inference ? &*Inference : nullptr);
  int RC = 1;
  CrashRecoveryContext CRC;
  if (!CRC.RunSafely([&] { RC = Tool.run(&Factory); })) {
    Out = FileContracts();
    Out.Error = "the analyzer crashed on this file";
    return Out;
  }
  if (Diags.NumErrorsSeen > 0 || RC != 0) {
    Out = FileContracts();
    Out.Error = "cannot be parsed; first error: " + Diags.FirstError;
    return Out;
  }
  for (InferredContract &C : Out.Contracts) {
    auto [File, Line] = StringRef(C.Spec.Origin).rsplit(':');
    SmallString<256> P(File);
    if (!sys::path::is_absolute(P))
      sys::fs::make_absolute(Cmd.Directory.empty() ? "" : Cmd.Directory, P);
    sys::path::remove_dots(P, true);
    C.Spec.Origin = displayPath(P) + ":" + Line.str();
  }
  llvm::sort(Out.Contracts, [](const InferredContract &A,
                               const InferredContract &B) {
    return A.Spec.Name < B.Spec.Name;
  });
  llvm::sort(Out.Callees);
  if (Inference) {
    Inference->save();
    Out.Explored = Inference->explored();
    Out.Reused = Inference->reused();
  }
  if (Then) {
    finishAnalysis(*ThenAnalysis, Cmd, Inputs, Then->Entries);
    Setup->Functions->save();
  } else if (Inputs)
    makeInputsAbsolute(*Inputs, Cmd.Directory);
  return Out;
}

/// A parse that failed with a prefix PCH runs again without it: the PCH
/// only saves time, whatever went wrong with it (a header edited during
/// the run, a file it does not fit) must not cost the file. The files the
/// failed parse read are forgotten.
template <typename ResultT, typename Parse, typename Failed>
static ResultT withPrefixFallback(const FileCommand &Cmd,
                                  std::vector<InputFile> *Inputs, Parse P,
                                  Failed F) {
  // Hidden test hook: with REFCHECK_TEST_NO_PREFIX_FALLBACK set, a parse
  // the PCH fails stays failed, so tests see that the PCH fits.
  static const bool NoFallback =
      getenv("REFCHECK_TEST_NO_PREFIX_FALLBACK") != nullptr;
  ResultT Out = P(Cmd);
  if (Cmd.PrefixPCH.empty() || !F(Out) || NoFallback)
    return Out;
  FileCommand Plain = Cmd;
  Plain.PrefixPCH.clear();
  if (Inputs)
    Inputs->clear();
  return P(Plain);
}

FileContracts refcheck::inferFileContracts(const FileCommand &Cmd,
                                           const DriverOptions &Opts,
                                           const ApiModel &Model,
                                           std::vector<InputFile> *Inputs,
                                           Results *ThenAnalysis) {
  return withPrefixFallback<FileContracts>(
      Cmd, Inputs,
      [&](const FileCommand &C) {
        if (ThenAnalysis)
          *ThenAnalysis = Results();
        return inferOnce(C, Opts, Model, Inputs, ThenAnalysis);
      },
      [](const FileContracts &F) { return !F.Error.empty(); });
}

static FileContracts scanOnce(const FileCommand &Cmd,
                              const DriverOptions &Opts,
                              std::vector<InputFile> *Inputs) {
  FileContracts Out;
  CompileCommand CC = toolCommand(Cmd, /*Infer=*/true);
  SingleCommandDatabase DB(CC);
  ClangTool Tool = makeTool(DB, CC.Filename);
  for (const auto &[Path, Text] : Cmd.VirtualFiles)
    Tool.mapVirtualFile(Path, Text);
  IntrusiveRefCntPtr<DiagnosticOptions> DiagOpts = new DiagnosticOptions();
  // Quiet: the file's analysis shows its compiler warnings (-v).
  CompileDiagnostics Diags(DiagOpts.get(), /*ShowAll=*/false);
  Tool.setDiagnosticConsumer(&Diags);
  Tool.setPrintErrorMessage(false);
  struct Factory : FrontendActionFactory {
    FileContracts &Out;
    std::vector<InputFile> *Inputs;
    Factory(FileContracts &Out, std::vector<InputFile> *Inputs)
        : Out(Out), Inputs(Inputs) {}
    std::unique_ptr<FrontendAction> create() override {
      return std::make_unique<ScanAction>(Out, Inputs);
    }
  } F(Out, Inputs);
  int RC = 1;
  CrashRecoveryContext CRC;
  if (!CRC.RunSafely([&] { RC = Tool.run(&F); })) {
    Out = FileContracts();
    Out.Error = "the analyzer crashed on this file";
    return Out;
  }
  if (Diags.NumErrorsSeen > 0 || RC != 0) {
    Out = FileContracts();
    Out.Error = "cannot be parsed; first error: " + Diags.FirstError;
    return Out;
  }
  llvm::sort(Out.Callees);
  llvm::sort(Out.Defines);
  if (Inputs)
    makeInputsAbsolute(*Inputs, Cmd.Directory);
  return Out;
}

FileContracts refcheck::scanFileContracts(const FileCommand &Cmd,
                                          const DriverOptions &Opts,
                                          std::vector<InputFile> *Inputs) {
  return withPrefixFallback<FileContracts>(
      Cmd, Inputs,
      [&](const FileCommand &C) { return scanOnce(C, Opts, Inputs); },
      [](const FileContracts &F) { return !F.Error.empty(); });
}

static Results analyzeOnce(const FileCommand &Cmd, const DriverOptions &Opts,
                           const ApiModel &Model, bool *VerifyFailed,
                           std::vector<InputFile> *Inputs) {
  Results R;
  CompileCommand CC = toolCommand(Cmd, /*Infer=*/false);
  SingleCommandDatabase DB(CC);
  AnalysisSetup Setup(Cmd, Opts, Model, CC.Filename);
  bool Verify = isVerifyMode(Cmd);
  // The file's static helpers that the analysis will not follow
  // (wantsUnitContract): an inference in the same parse gives them
  // contracts first, which the analysis takes as their annotations.
  StringMap<const InferredContract *> Own = Setup.AsAnnotations;
  std::optional<ScopedCheckerConfig> Active;
  Active.emplace(Setup.Config);
  std::optional<HelperPhase> Helpers;
  if (Opts.InferUnitContracts) {
    Helpers.emplace(Setup.Config.Model, [&](bool H) {
      Active.reset();
      Active.emplace(H ? Helpers->config() : Setup.Config);
      if (!H)
        for (const auto &E : Helpers->ByName)
          Own[E.getKey()] = E.getValue();
    });
    Setup.Config.OwnContracts = &Own;
  }
  std::optional<InferenceCache> Inference;
  if (std::string Path = unitCachePath(Setup.Rooted, Opts, Model, "inference");
      Helpers && !Path.empty()) {
    Inference.emplace(std::move(Path), *Setup.Index);
    Helpers->keepIn(&*Inference);
  }

  ClangTool Tool = makeTool(DB, CC.Filename);
  for (const auto &[Path, Text] : Cmd.VirtualFiles)
    Tool.mapVirtualFile(Path, Text);
  IntrusiveRefCntPtr<DiagnosticOptions> DiagOpts = new DiagnosticOptions();
  CompileDiagnostics Diags(DiagOpts.get(), Opts.Verbose || Verify);
  Tool.setDiagnosticConsumer(&Diags);
  Tool.setPrintErrorMessage(false);

  EntryPointIndex Entries;
  RefcheckActionFactory Factory(
      Setup.Rooted, Opts, R, Inputs, nullptr, Own, &Entries, nullptr,
      Helpers ? &*Helpers : nullptr, Setup.Functions.get(),
      Inference ? &*Inference : nullptr);
  int RC = 1;
  CrashRecoveryContext CRC;
  bool Completed = CRC.RunSafely([&] { RC = Tool.run(&Factory); });
  if (!Completed) {
    R.Findings.clear();
    R.Errors.push_back({Cmd.File, "the analyzer crashed on this file"});
    return R;
  }
  if (Verify) {
    if (VerifyFailed)
      *VerifyFailed = RC != 0;
    if (RC != 0 && Diags.FirstError.empty())
      R.Errors.push_back({Cmd.File, "clang -verify expectations not met"});
  }
  if (Diags.NumErrorsSeen > 0 && !Verify) {
    R.Findings.clear();
    R.Errors.push_back(
        {Cmd.File, "cannot be parsed (" + std::to_string(Diags.NumErrorsSeen) +
                       (Diags.NumErrorsSeen == 1 ? " error" : " errors") +
                       "); first: " + Diags.FirstError});
    return R;
  }
  if (RC != 0 && !Verify) {
    R.Errors.push_back({Cmd.File, "the compiler could not process this file"});
    return R;
  }
  finishAnalysis(R, Cmd, Inputs, Entries);
  Setup.Functions->save();
  if (Inference)
    Inference->save();
  return R;
}

Results refcheck::analyzeFile(const FileCommand &Cmd, const DriverOptions &Opts,
                              const ApiModel &Model, bool *VerifyFailed,
                              std::vector<InputFile> *Inputs) {
  return withPrefixFallback<Results>(
      Cmd, Inputs,
      [&](const FileCommand &C) {
        return analyzeOnce(C, Opts, Model, VerifyFailed, Inputs);
      },
      [](const Results &R) { return !R.Errors.empty(); });
}
