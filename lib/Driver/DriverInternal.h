//===- DriverInternal.h - What the driver's files share -------*- C++ -*-===//
//
// The parse-level pieces Driver.cpp and PrefixPCH.cpp both use: not part of
// the driver's interface.
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_DRIVER_INTERNAL_H
#define REFCHECK_DRIVER_INTERNAL_H

#include "refcheck/ApiModel.h"
#include "refcheck/Driver.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>
#include <vector>

namespace refcheck {

class InferencePhase;

/// The analyzer's consumer for contract inference: the unit's functions
/// explored callees first, each function with a contract (in Found, which
/// the inference fills) or whose exploration ran out of budget no longer
/// inlined afterwards, nor those an earlier phase of the parse gave one
/// (Earlier, read when the unit is complete). Phase, if any: the steps of
/// an earlier run, applied in place of explorations whose inputs did not
/// change.
std::unique_ptr<clang::ASTConsumer>
makeInferenceConsumer(clang::CompilerInstance &CI,
                      const std::vector<InferredContract> &Found,
                      const llvm::StringMap<const InferredContract *> *Earlier,
                      InferencePhase *Phase);

/// A compile database holding exactly one command.
class SingleCommandDatabase : public clang::tooling::CompilationDatabase {
  clang::tooling::CompileCommand Cmd;

public:
  explicit SingleCommandDatabase(clang::tooling::CompileCommand C)
      : Cmd(std::move(C)) {}
  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef) const override {
    return {Cmd};
  }
  std::vector<std::string> getAllFiles() const override {
    return {Cmd.Filename};
  }
};

/// A ClangTool for the one file of DB. Its file system keeps a working
/// folder of its own: ClangTool enters each command's folder, and on the
/// process-wide one that would move the threads analyzing other files
/// (whose relative paths then resolve in the wrong folder).
inline clang::tooling::ClangTool
makeTool(const clang::tooling::CompilationDatabase &DB,
         llvm::StringRef File) {
  return clang::tooling::ClangTool(
      DB, std::vector<std::string>{File.str()},
      std::make_shared<clang::PCHContainerOperations>(),
      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>(
          llvm::vfs::createPhysicalFileSystem().release()));
}

/// Keeps the compile errors of a file; shows clang's diagnostics only when
/// asked (--verbose) or when clang's -verify mode needs them.
class CompileDiagnostics : public clang::DiagnosticConsumer {
  std::unique_ptr<clang::TextDiagnosticPrinter> Printer;
  bool ShowAll;

public:
  std::string FirstError;
  unsigned NumErrorsSeen = 0;

  CompileDiagnostics(clang::DiagnosticOptions *DiagOpts, bool ShowAll)
      : Printer(std::make_unique<clang::TextDiagnosticPrinter>(llvm::errs(),
                                                               DiagOpts)),
        ShowAll(ShowAll) {}

  void BeginSourceFile(const clang::LangOptions &LO,
                       const clang::Preprocessor *PP) override {
    Printer->BeginSourceFile(LO, PP);
  }
  void EndSourceFile() override { Printer->EndSourceFile(); }

  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override {
    clang::DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (ShowAll)
      Printer->HandleDiagnostic(Level, Info);
    if (Level < clang::DiagnosticsEngine::Error)
      return;
    ++NumErrorsSeen;
    if (!FirstError.empty())
      return;
    llvm::SmallString<256> Msg;
    Info.FormatDiagnostic(Msg);
    std::string Where;
    if (Info.getLocation().isValid() && Info.hasSourceManager()) {
      clang::PresumedLoc P =
          Info.getSourceManager().getPresumedLoc(Info.getLocation());
      if (P.isValid())
        Where = (llvm::Twine(P.getFilename()) + ":" + llvm::Twine(P.getLine()) +
                 ":" + llvm::Twine(P.getColumn()) + ": ")
                    .str();
    }
    // One line, of a readable length.
    std::string M = llvm::StringRef(Msg).split('\n').first.str();
    if (M.size() > 300)
      M = M.substr(0, 297) + "...";
    FirstError = Where + M;
  }
};

/// The clang command line of a parse of Cmd's file: refcheck's own
/// defines, the file's flags (without -verify for an inference, Infer),
/// the prefix PCH if Cmd has one.
clang::tooling::CompileCommand toolCommand(const FileCommand &Cmd, bool Infer);

/// Name made absolute (against Directory, the compile's folder, when it is
/// relative) and free of `.`/`..`.
std::string absolutePath(llvm::StringRef Name, llvm::StringRef Directory);

/// Names relative to the compile's folder (-IInclude) made absolute.
void makeInputsAbsolute(std::vector<InputFile> &Inputs,
                        llvm::StringRef Directory);

/// Appends to Inputs every file the parse CI read, with a hash of what it
/// read; with a prefix PCH, the headers listed next to it too.
void recordInputs(clang::CompilerInstance &CI, std::vector<InputFile> *Inputs);

} // namespace refcheck
#endif
