//===- PrefixPCH.cpp - One parse of the headers every file starts with ----===//
//
// The files of a project start the same way: a #define or two, then the
// project's umbrella header, which brings in Python.h and the library's
// headers. refcheck parses a file up to three times (the scan of what it
// defines and calls, the inference, the analysis) and the project has many
// files: most of those parses spend their time on the same headers. A
// precompiled header of the shared first lines, built once per run, stands
// for them in every parse that starts that way.
//
//===----------------------------------------------------------------------===//
#include "DriverInternal.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace clang::tooling;
using namespace llvm;
using namespace refcheck;

LeadingPrefix refcheck::leadingIncludePrefix(StringRef Text) {
  LangOptions LO;
  Lexer L(SourceLocation(), LO, Text.begin(), Text.begin(), Text.end());
  // With no file behind it, a raw token's location is its offset.
  auto Offset = [](const Token &T) { return T.getLocation().getRawEncoding(); };
  LeadingPrefix Out;
  Token Tok;
  L.LexFromRawLexer(Tok);
  for (;;) {
    if (Tok.isNot(tok::hash) || !Tok.isAtStartOfLine())
      return {};
    size_t Start = Offset(Tok);
    Token Name;
    L.LexFromRawLexer(Name);
    if (Name.isNot(tok::raw_identifier) || Name.isAtStartOfLine())
      return {};
    StringRef Directive = Name.getRawIdentifier();
    bool Include = Directive == "include";
    if (!Include && Directive != "define" && Directive != "undef")
      return {};
    // The rest of the directive, continuation lines included; comments
    // are left out (the files differ in those), but the line must hold
    // any that starts on it.
    Token Last = Name;
    L.LexFromRawLexer(Tok);
    while (Tok.isNot(tok::eof) && !Tok.isAtStartOfLine()) {
      Last = Tok;
      L.LexFromRawLexer(Tok);
    }
    size_t End = Text.find('\n', Offset(Last) + Last.getLength());
    if (End == StringRef::npos)
      return {};
    StringRef Line = Text.slice(Start, End);
    size_t Open = Line.rfind("/*");
    if (Open != StringRef::npos && Line.find("*/", Open) == StringRef::npos)
      return {};
    if (Include && Offset(Last) == Offset(Name))
      return {}; // "#include" naming nothing
    Out.Text += Line;
    Out.Text += '\n';
    if (Include) {
      Out.Bytes = End + 1;
      return Out;
    }
  }
}

namespace {
/// Clang's PCH writer, into a path of our choosing, noting the headers it
/// read.
class PrefixPCHAction : public GeneratePCHAction {
  std::string OutPath;
  std::vector<InputFile> &Inputs;

public:
  PrefixPCHAction(StringRef OutPath, std::vector<InputFile> &Inputs)
      : OutPath(OutPath), Inputs(Inputs) {}

  bool BeginInvocation(CompilerInstance &CI) override {
    CI.getFrontendOpts().OutputFile = OutPath;
    CI.getDiagnosticOpts().ShowCarets = false;
    return GeneratePCHAction::BeginInvocation(CI);
  }
  void EndSourceFileAction() override {
    recordInputs(getCompilerInstance(), &Inputs);
    GeneratePCHAction::EndSourceFileAction();
  }
};

Error fail(const Twine &Why) {
  return createStringError(inconvertibleErrorCode(), Why);
}
} // namespace

std::string refcheck::prefixPCHHeader(StringRef PCHPath) {
  return (PCHPath + ".h").str();
}

Error refcheck::buildPrefixPCH(const FileCommand &Cmd, StringRef Prefix,
                               StringRef PCHPath) {
  std::string HeaderPath = prefixPCHHeader(PCHPath);
  {
    std::error_code EC;
    raw_fd_ostream OS(HeaderPath, EC);
    if (EC)
      return fail("cannot write '" + HeaderPath + "': " + EC.message());
    OS << Prefix;
  }
  FileCommand Header = Cmd;
  Header.PrefixPCH.clear();
  CompileCommand CC = toolCommand(Header, /*Infer=*/true);
  // The header in place of the file; its quoted includes are looked up
  // in the file's folder first, as the file's own would be.
  CC.CommandLine.pop_back();
  SmallString<256> Dir(sys::path::parent_path(CC.Filename));
  CC.CommandLine.push_back("-iquote");
  CC.CommandLine.push_back(Dir.str().str());
  CC.CommandLine.push_back("-x");
  StringRef Ext = sys::path::extension(Cmd.File);
  CC.CommandLine.push_back(Ext == ".c" ? "c-header" : "c++-header");
  CC.CommandLine.push_back(HeaderPath);
  CC.Filename = HeaderPath;

  SingleCommandDatabase One(CC);
  ClangTool Tool = makeTool(One, CC.Filename);
  IntrusiveRefCntPtr<DiagnosticOptions> DiagOpts = new DiagnosticOptions();
  CompileDiagnostics Diags(DiagOpts.get(), /*ShowAll=*/false);
  Tool.setDiagnosticConsumer(&Diags);
  Tool.setPrintErrorMessage(false);
  std::vector<InputFile> Inputs;
  struct Factory : FrontendActionFactory {
    StringRef Out;
    std::vector<InputFile> &Inputs;
    Factory(StringRef Out, std::vector<InputFile> &Inputs)
        : Out(Out), Inputs(Inputs) {}
    std::unique_ptr<FrontendAction> create() override {
      return std::make_unique<PrefixPCHAction>(Out, Inputs);
    }
  } F(PCHPath, Inputs);
  int RC = 1;
  CrashRecoveryContext CRC;
  if (!CRC.RunSafely([&] { RC = Tool.run(&F); }))
    return fail("the compiler crashed on the shared headers");
  if (RC != 0 || Diags.NumErrorsSeen > 0)
    return fail("the shared headers do not compile alone: " + Diags.FirstError);

  makeInputsAbsolute(Inputs, CC.Directory);
  std::error_code EC;
  raw_fd_ostream Side((PCHPath + ".inputs").str(), EC);
  if (EC)
    return fail("cannot write '" + PCHPath + ".inputs': " + EC.message());
  for (const InputFile &In : Inputs)
    if (In.Path != HeaderPath)
      Side << In.Hash << ' ' << In.Path << '\n';
  return Error::success();
}
