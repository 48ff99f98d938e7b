//===- FormatChecker.cpp - Format strings against their arguments ---------===//
//
// Checks format-mismatch, on the AST (no paths needed): for each call to a
// function the ApiModel gives a format (PyArg_ParseTuple*, PyArg_Parse,
// Py_BuildValue, PyObject_CallFunction, PyObject_CallMethod, ...) with a
// literal format string, parseFormat() says what varargs each code takes and
// of which C type; the call's varargs are checked against that:
//   - their count;
//   - the pointed-to type (parse) or the value's type (build) per code, by
//     kind and size, so `long *` for "i" is caught but `unsigned int *` for
//     "i" is not;
//   - '#' lengths under PY_SSIZE_T_CLEAN (Py_ssize_t), and '#' in a parse
//     format without it, which Python 3.10 to 3.12 reject with SystemError;
//   - Py_BuildValue's "N" (steals) against "O" (takes a new reference): a
//     call's new reference passed straight to "O" is leaked (use "N"), and a
//     static object (Py_None) given to "N" is released once too often (use
//     "O"); other borrowed references given to "N" are the ownership
//     model's steal-of-borrowed;
//   - PyArg_ParseTupleAndKeywords' keyword list length against the codes.
//
//===----------------------------------------------------------------------===//
#include "CApiHelpers.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"

using namespace clang;
using namespace ento;
using namespace refcheck;

namespace {
class FormatChecker : public Checker<check::ASTCodeBody> {
  const BugType FormatBug{this, checks::FormatMismatch, "refcheck"};

public:
  const CheckerConfig *Config = nullptr;
  void checkASTCodeBody(const Decl *D, AnalysisManager &Mgr,
                        BugReporter &BR) const;
};

struct CallVisitor : RecursiveASTVisitor<CallVisitor> {
  const BugType &BT;
  const Decl *D;
  AnalysisManager &Mgr;
  BugReporter &BR;
  const ApiModel *Model;
  ASTContext &Ctx;
  bool SizeTClean;
  int PyMinor;

  CallVisitor(const BugType &BT, const Decl *D, AnalysisManager &Mgr,
              BugReporter &BR, const ApiModel *Model)
      : BT(BT), D(D), Mgr(Mgr), BR(BR), Model(Model),
        Ctx(Mgr.getASTContext()) {
    Preprocessor &PP = Mgr.getPreprocessor();
    const IdentifierInfo *II = PP.getIdentifierInfo("PY_SSIZE_T_CLEAN");
    SizeTClean = II && PP.isMacroDefined(II);
    std::optional<uint64_t> Minor = integerMacro(PP, "PY_MINOR_VERSION");
    PyMinor = Minor && *Minor < 100 ? int(*Minor) : -1;
  }

  void report(const Expr *At, const CallExpr *CE, StringRef Callee,
              const Twine &Msg) {
    // Several codes of one format can be wrong: the argument tells them
    // apart.
    std::string Key = ordinalKey(Callee, CE, D);
    for (unsigned I = 0; I < CE->getNumArgs(); ++I)
      if (CE->getArg(I) == At)
        Key += ":arg" + std::to_string(I + 1);
    auto R = std::make_unique<OriginBugReport>(
        BT, Key, Msg.str(),
        PathDiagnosticLocation::createBegin(At, BR.getSourceManager(),
                                            Mgr.getAnalysisDeclContext(D)),
        D);
    R->addRange(At->getSourceRange());
    BR.emitReport(std::move(R));
  }

  uint64_t sizeOf(FormatArgType T) const {
    switch (T) {
    case FormatArgType::Char: return 8;
    case FormatArgType::Short: return Ctx.getTypeSize(Ctx.ShortTy);
    case FormatArgType::Int: return Ctx.getTypeSize(Ctx.IntTy);
    case FormatArgType::Long: return Ctx.getTypeSize(Ctx.LongTy);
    case FormatArgType::LongLong: return Ctx.getTypeSize(Ctx.LongLongTy);
    case FormatArgType::SSize: return Ctx.getTypeSize(Ctx.getSignedSizeType());
    default: return 0;
    }
  }

  /// Whether a value of type Q fits T.
  bool fits(QualType Q, FormatArgType T, const Expr *E) const {
    Q = Q.getCanonicalType().getUnqualifiedType();
    bool IsVoidPtr = Q->isPointerType() && Q->getPointeeType()->isVoidType();
    bool IsNull = E && E->isNullPointerConstant(
                           const_cast<ASTContext &>(Ctx),
                           Expr::NPC_ValueDependentIsNotNull);
    switch (T) {
    case FormatArgType::Any:
      return true;
    case FormatArgType::Char: case FormatArgType::Short:
    case FormatArgType::Int: case FormatArgType::Long:
    case FormatArgType::LongLong: case FormatArgType::SSize:
      return Q->isIntegerType() && Ctx.getTypeSize(Q) == sizeOf(T);
    case FormatArgType::Float:
      return Q->isSpecificBuiltinType(BuiltinType::Float);
    case FormatArgType::Double:
      return Q->isSpecificBuiltinType(BuiltinType::Double);
    case FormatArgType::Complex:
      return recordName(Q) == "Py_complex";
    case FormatArgType::CharPtr:
      return IsVoidPtr || IsNull ||
             (Q->isPointerType() && Q->getPointeeType()->isCharType());
    case FormatArgType::WCharPtr:
      return IsVoidPtr || IsNull ||
             (Q->isPointerType() && Q->getPointeeType()->isIntegerType() &&
              Ctx.getTypeSize(Q->getPointeeType()) ==
                  Ctx.getTypeSize(Ctx.getWideCharType()));
    case FormatArgType::Object:
    case FormatArgType::TypeObject:
      return IsVoidPtr || IsNull || isPyObjectPointerType(Q);
    case FormatArgType::Converter:
      return IsVoidPtr || Q->isFunctionPointerType() || Q->isFunctionType();
    case FormatArgType::VoidPtr:
      return Q->isPointerType() || Q->isArrayType() || IsNull;
    case FormatArgType::Buffer: {
      StringRef N = recordName(Q);
      return N == "bufferinfo" || N == "Py_buffer";
    }
    }
    return true;
  }

  static std::string describe(FormatArgType T, bool Pointer, bool Unsigned) {
    std::string S = toString(T);
    if (Unsigned)
      S = "unsigned " + S;
    if (!Pointer)
      return S;
    if (S.back() == '*')
      return S + "*";
    if (T == FormatArgType::Converter)
      return S;
    return S + " *";
  }

  /// A call returning a new reference, per the ApiModel or the convention.
  const CallExpr *newReferenceCall(const Expr *E) const {
    const auto *CE = dyn_cast<CallExpr>(E->IgnoreParenCasts());
    if (!CE || !isPyObjectPointerType(CE->getType()))
      return nullptr;
    StringRef Name = directCalleeName(CE);
    if (Name.empty())
      return nullptr;
    if (const FunctionSpec *S = functionSpecFor(Model, Name))
      return S->Return == ReturnKind::NewRef ? CE : nullptr;
    // Refcount helpers and inline accessors are described by name.
    if (Name.starts_with("Py_") || Name.starts_with("_Py_"))
      return Name == "Py_NewRef" || Name == "_Py_NewRef" ? CE : nullptr;
    const FunctionDecl *FD = CE->getDirectCallee();
    for (const auto *A : FD->specific_attrs<AnnotateAttr>())
      if (A->getAnnotation() == "refcheck::returns_borrowed")
        return nullptr;
    return FD->isInlined() ? nullptr : CE;
  }

  /// What makes E a borrowed reference the ownership model cannot see (a
  /// statically allocated object: Py_None, Py_True, a static type), or "".
  /// Borrowed parameters and borrowed call results given to "N" are
  /// steal-of-borrowed findings already.
  std::string borrowedWhy(const Expr *E) const {
    E = E->IgnoreParenCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(E))
      if (UO->getOpcode() == UO_AddrOf)
        if (const auto *DRE =
                dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenCasts()))
          if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
            if (VD->hasGlobalStorage())
              return "'" + VD->getName().str() + "' is a static object";
    return "";
  }

  /// Number of entries of a keyword list before its NULL, or -1.
  int keywordCount(const Expr *E) const {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (!VD || !VD->getType()->isArrayType())
      return -1;
    const auto *ILE = dyn_cast_or_null<InitListExpr>(VD->getInit());
    if (!ILE)
      return -1;
    int N = 0;
    for (const Expr *Init : ILE->inits()) {
      if (Init->isNullPointerConstant(const_cast<ASTContext &>(Ctx),
                                      Expr::NPC_ValueDependentIsNotNull))
        return N;
      if (!isa<StringLiteral>(Init->IgnoreParenCasts()))
        return -1;
      ++N;
    }
    return -1; // no NULL terminator: not ours to judge here
  }

  /// Whether the format, after its first N codes, goes on with '|' or '$'
  /// (or ends): CPython then reads no further and accepts the rest.
  static bool stopsAfter(StringRef Fmt, const std::vector<FormatItem> &Items,
                         size_t N) {
    Fmt = Fmt.take_until([](char C) { return C == ':' || C == ';'; });
    size_t Pos = 0;
    for (size_t I = 0; I < N; ++I) {
      while (Pos < Fmt.size() && (Fmt[Pos] == '|' || Fmt[Pos] == '$' ||
                                  Fmt[Pos] == ' '))
        ++Pos;
      if (!Fmt.substr(Pos).starts_with(Items[I].Spelling))
        return false; // a shape this walk does not follow: '(...)'
      Pos += Items[I].Spelling.size();
    }
    return Pos >= Fmt.size() || Fmt[Pos] == '|' || Fmt[Pos] == '$';
  }

  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (!FD || !FD->getIdentifier() || !FD->isVariadic())
      return true;
    StringRef Name = FD->getName();
    const FunctionSpec *S = functionSpecFor(Model, Name);
    if (!S || (S->Format != FormatStyle::BuildValue &&
               S->Format != FormatStyle::ParseArgs))
      return true;
    if (S->FormatArg >= CE->getNumArgs())
      return true;
    const auto *SL =
        dyn_cast<StringLiteral>(CE->getArg(S->FormatArg)->IgnoreParenImpCasts());
    if (!SL || SL->getCharByteWidth() != 1)
      return true;
    bool Ok = false;
    std::vector<FormatItem> Items = parseFormat(SL->getString(), S->Format, Ok);
    if (!Ok)
      return true; // a code refcheck does not know: stay silent
    StringRef Callee = userFacingName(Name);
    bool Parse = S->Format == FormatStyle::ParseArgs;
    bool SizeTVariant = Name.ends_with("_SizeT") ||
                        (PyMinor >= 13 || PyMinor < 0 ? true : SizeTClean);
    unsigned First = FD->getNumParams();
    unsigned Given = CE->getNumArgs() - First;
    // PyArg_ParseTupleAndKeywords stops after as many codes as the keyword
    // list has entries: codes left over after a '|' or '$' there are never
    // read, and their varargs need not be passed.
    int Keywords = -1;
    size_t Read = Items.size();
    if (Parse && userFacingName(Name) == "PyArg_ParseTupleAndKeywords" &&
        S->FormatArg + 1 < First) {
      Keywords = keywordCount(CE->getArg(S->FormatArg + 1));
      if (Keywords >= 0 && unsigned(Keywords) < Items.size() &&
          stopsAfter(SL->getString(), Items, Keywords))
        Read = Keywords;
    }
    unsigned Wanted = 0, WantedRead = 0;
    for (size_t I = 0; I < Items.size(); ++I) {
      Wanted += Items[I].NumArgs;
      if (I < Read)
        WantedRead += Items[I].NumArgs;
    }
    std::string Fmt = SL->getString().str();
    if (Given != Wanted && Given != WantedRead) {
      report(CE, CE, Callee,
             "Format \"" + Fmt + "\" of '" + Callee + "' takes " +
                 Twine(Wanted) + (Wanted == 1 ? " argument" : " arguments") +
                 " but " + Twine(Given) + (Given == 1 ? " is" : " are") +
                 " passed");
    }
    // Keyword list length.
    if (Keywords >= 0 && unsigned(Keywords) != Items.size() &&
        Read == Items.size())
      report(CE->getArg(S->FormatArg + 1), CE, Callee,
             "Keyword list has " + Twine(Keywords) + " entries but format \"" +
                 Fmt + "\" has " + Twine(Items.size()) +
                 " codes: Python raises SystemError");
    unsigned Arg = First;
    for (const FormatItem &It : Items) {
      bool Hash = StringRef(It.Spelling).ends_with("#");
      if (Hash && Parse && !SizeTVariant && PyMinor >= 10) {
        report(CE->getArg(Arg), CE, Callee,
               "Format code '" + It.Spelling +
                   "' needs PY_SSIZE_T_CLEAN defined before Python.h: "
                   "Python 3." + Twine(PyMinor) + " raises SystemError");
        return true;
      }
      for (unsigned K = 0; K < It.NumArgs; ++K, ++Arg) {
        if (Arg >= CE->getNumArgs())
          return true; // too few: reported above
        const Expr *A = CE->getArg(Arg);
        FormatArgType T = It.ArgTypes[K];
        if (T == FormatArgType::SSize && Hash && !SizeTVariant)
          T = FormatArgType::Int; // lengths are int without PY_SSIZE_T_CLEAN
        bool ByPointer = Parse && !It.ByValue[K];
        QualType Q = A->getType();
        bool Good;
        if (ByPointer) {
          auto PointsToFit = [&](QualType P) {
            QualType C = P.getCanonicalType();
            if (C->isPointerType() && C->getPointeeType()->isVoidType())
              return true;
            return C->isPointerType() && fits(C->getPointeeType(), T, nullptr);
          };
          Good = PointsToFit(Q);
          // A cast between pointer types changes no address: in
          // `(PyObject *)&a`, with `bitarrayobject *a` (bitarray's _util.c),
          // the output still goes to a, which fits.
          if (const auto *CSE =
                  dyn_cast<CStyleCastExpr>(A->IgnoreParenImpCasts());
              !Good && CSE && CSE->getType()->isPointerType()) {
            QualType Sub = CSE->getSubExpr()->IgnoreParenImpCasts()->getType();
            Good = Sub->isPointerType() && PointsToFit(Sub);
          }
        } else {
          Good = fits(Q, T, A);
        }
        if (!Good) {
          report(A, CE, Callee,
                 "Format code '" + It.Spelling + "' of '" + Callee +
                     "' expects '" + describe(T, ByPointer, It.Unsigned) +
                     "' but argument " + Twine(Arg + 1) + " is '" +
                     A->IgnoreImpCasts()->getType().getAsString() + "'");
          continue;
        }
        if (Parse || !It.IsObject)
          continue;
        if (!It.Steals) {
          if (const CallExpr *New = newReferenceCall(A))
            report(A, CE, Callee,
                   "Format code '" + It.Spelling + "' takes its own reference "
                   "to the new reference from '" +
                       userFacingName(directCalleeName(New)) +
                       "', which is leaked; use 'N'");
        } else if (std::string Why = borrowedWhy(A); !Why.empty()) {
          report(A, CE, Callee,
                 "Format code 'N' steals a reference, but " + Why +
                     "; use 'O'");
        }
      }
    }
    return true;
  }
};
} // namespace

void FormatChecker::checkASTCodeBody(const Decl *D, AnalysisManager &Mgr,
                                     BugReporter &BR) const {
  if (Config && !Config->isEnabled(checks::FormatMismatch))
    return;
  CallVisitor V(FormatBug, D, Mgr, BR, Config ? Config->Model : nullptr);
  V.TraverseDecl(const_cast<Decl *>(D));
}

void refcheck::registerFormatChecker(CheckerManager &Mgr) {
  registerWithConfig<FormatChecker>(Mgr);
}
