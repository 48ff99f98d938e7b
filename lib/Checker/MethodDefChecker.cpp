//===- MethodDefChecker.cpp - PyMethodDef tables --------------------------===//
//
// Checks methoddef-mismatch, on the AST: every PyMethodDef array with an
// initializer is read entry by entry. An entry's calling convention
// (ml_flags & (METH_VARARGS | METH_KEYWORDS | METH_NOARGS | METH_O |
// METH_FASTCALL | METH_METHOD)) must be one Python accepts, and the C
// function behind ml_meth (through any casts) must have that convention's
// signature:
//   METH_NOARGS                          (self[, unused])
//   METH_O, METH_VARARGS                 (self, PyObject *)
//   METH_VARARGS|METH_KEYWORDS           (self, PyObject *args, PyObject *kw)
//   METH_FASTCALL                        (self, PyObject *const *, Py_ssize_t)
//   METH_FASTCALL|METH_KEYWORDS          (..., Py_ssize_t, PyObject *kwnames)
//   METH_METHOD|METH_FASTCALL|METH_KEYWORDS  (self, PyTypeObject *cls, ...)
// and return PyObject *. The table must end with a {NULL} sentinel.
//
//===----------------------------------------------------------------------===//
#include "CApiHelpers.h"

#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace ento;
using namespace refcheck;

namespace {
enum class Param { Object, Type, Array, SSize };

struct Convention {
  uint64_t Flags;
  const char *Name;
  std::vector<Param> Params; // after self
  bool SecondOptional = false;
};

const Convention Conventions[] = {
    {METH_NOARGS, "METH_NOARGS", {Param::Object}, true},
    {METH_O, "METH_O", {Param::Object}},
    {METH_VARARGS, "METH_VARARGS", {Param::Object}},
    {METH_VARARGS | METH_KEYWORDS, "METH_VARARGS|METH_KEYWORDS",
     {Param::Object, Param::Object}},
    {METH_FASTCALL, "METH_FASTCALL", {Param::Array, Param::SSize}},
    {METH_FASTCALL | METH_KEYWORDS, "METH_FASTCALL|METH_KEYWORDS",
     {Param::Array, Param::SSize, Param::Object}},
    {METH_METHOD | METH_FASTCALL | METH_KEYWORDS,
     "METH_METHOD|METH_FASTCALL|METH_KEYWORDS",
     {Param::Type, Param::Array, Param::SSize, Param::Object}},
};

bool isMethodDefType(QualType T) {
  if (const TypedefType *TT = T->getAs<TypedefType>())
    if (TT->getDecl()->getName() == "PyMethodDef")
      return true;
  return recordName(T) == "PyMethodDef";
}

bool paramFits(QualType T, Param P, ASTContext &Ctx) {
  QualType C = T.getCanonicalType();
  bool VoidPtr = C->isPointerType() && C->getPointeeType()->isVoidType();
  switch (P) {
  case Param::Object:
    return VoidPtr || isPyObjectPointerType(C);
  case Param::Type:
    // Opaque under the limited API: struct _typeobject has no fields there.
    return VoidPtr || isPyObjectPointerType(C) ||
           (C->isPointerType() && recordName(C->getPointeeType()) == "_typeobject");
  case Param::Array:
    return VoidPtr || (C->isPointerType() &&
                       (C->getPointeeType()->isPointerType() ||
                        C->getPointeeType()->isVoidType()));
  case Param::SSize:
    return C->isIntegerType() &&
           Ctx.getTypeSize(C) == Ctx.getTypeSize(Ctx.getSignedSizeType());
  }
  return true;
}

const char *paramName(Param P) {
  switch (P) {
  case Param::Object: return "PyObject *";
  case Param::Type: return "PyTypeObject *";
  case Param::Array: return "PyObject *const *";
  case Param::SSize: return "Py_ssize_t";
  }
  return "?";
}

bool isNullish(const Expr *E, ASTContext &Ctx) {
  if (!E || isa<ImplicitValueInitExpr>(E))
    return true;
  return E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
         Expr::NPCK_NotNull;
}

class MethodDefChecker : public Checker<check::ASTDecl<VarDecl>> {
  const BugType MethodDefBug{this, checks::MethodDefMismatch, "refcheck"};

public:
  const CheckerConfig *Config = nullptr;

  void checkASTDecl(const VarDecl *VD, AnalysisManager &Mgr,
                    BugReporter &BR) const;

private:
  void report(const Expr *At, const VarDecl *VD, StringRef Key,
              const Twine &Msg, AnalysisManager &Mgr, BugReporter &BR) const {
    auto R = std::make_unique<OriginBugReport>(
        MethodDefBug, (VD->getName() + ":" + Key).str(), Msg.str(),
        PathDiagnosticLocation::createBegin(At, BR.getSourceManager(),
                                            Mgr.getAnalysisDeclContext(VD)),
        VD);
    R->addRange(At->getSourceRange());
    BR.emitReport(std::move(R));
  }
};
} // namespace

void MethodDefChecker::checkASTDecl(const VarDecl *VD, AnalysisManager &Mgr,
                                    BugReporter &BR) const {
  if (Config && !Config->isEnabled(checks::MethodDefMismatch))
    return;
  ASTContext &Ctx = Mgr.getASTContext();
  const ArrayType *AT = Ctx.getAsArrayType(VD->getType());
  if (!AT || !isMethodDefType(AT->getElementType()) || !VD->hasInit())
    return;
  if (BR.getSourceManager().isInSystemHeader(VD->getLocation()))
    return;
  const auto *ILE = dyn_cast<InitListExpr>(VD->getInit()->IgnoreParens());
  if (!ILE)
    return;
  if (const InitListExpr *Sem = ILE->getSemanticForm())
    ILE = Sem;
  unsigned N = ILE->getNumInits();
  if (N == 0)
    return;

  // The sentinel: the last element is all zero (or left to the array filler).
  const auto *CAT = dyn_cast<ConstantArrayType>(AT);
  bool Filled = CAT && CAT->getSize().getZExtValue() > N;
  const Expr *Last = ILE->getInit(N - 1);
  bool LastIsSentinel = false;
  if (isa<ImplicitValueInitExpr>(Last))
    LastIsSentinel = true;
  else if (const auto *E = dyn_cast<InitListExpr>(Last)) {
    const InitListExpr *Sem = E->isSemanticForm() ? E : E->getSemanticForm();
    LastIsSentinel = !Sem || Sem->getNumInits() == 0 ||
                     isNullish(Sem->getInit(0), Ctx);
  }
  if (!Filled && !LastIsSentinel)
    report(Last, VD, "sentinel",
           "PyMethodDef table '" + VD->getName() +
               "' does not end with a {NULL} sentinel: Python reads past its "
               "end",
           Mgr, BR);

  for (unsigned I = 0; I < N; ++I) {
    const auto *E = dyn_cast<InitListExpr>(ILE->getInit(I));
    if (!E)
      continue;
    const InitListExpr *Sem = E->isSemanticForm() ? E : E->getSemanticForm();
    if (!Sem || Sem->getNumInits() < 3 || isNullish(Sem->getInit(0), Ctx))
      continue;
    std::string Name = "entry " + std::to_string(I);
    if (const auto *SL =
            dyn_cast<StringLiteral>(Sem->getInit(0)->IgnoreParenImpCasts()))
      Name = "'" + SL->getString().str() + "'";
    std::optional<uint64_t> Flags = methodDefFlags(Sem, Ctx);
    if (!Flags)
      continue;
    uint64_t Call = *Flags & METH_CALL_MASK;
    const Convention *Conv = nullptr;
    for (const Convention &C : Conventions)
      if (C.Flags == Call)
        Conv = &C;
    std::string Key = std::to_string(I);
    if (!Conv) {
      report(Sem->getInit(2), VD, Key,
             "Method " + Name + " has flags 0x" +
                 llvm::utohexstr(Call) +
                 ", not a calling convention Python accepts: calling it raises "
                 "SystemError ('bad call flags')",
             Mgr, BR);
      continue;
    }
    const FunctionDecl *FD = referencedFunction(Sem->getInit(1));
    if (!FD || !FD->getType()->getAs<FunctionProtoType>())
      continue;
    std::string Fn = "'" + FD->getNameAsString() + "'";
    unsigned Want = 1 + Conv->Params.size();
    unsigned Have = FD->getNumParams();
    bool CountOk = Have == Want || (Conv->SecondOptional && Have == Want - 1);
    if (!CountOk) {
      report(Sem->getInit(1), VD, Key,
             "Method " + Name + " is " + Conv->Name + " but " + Fn + " takes " +
                 Twine(Have) + (Have == 1 ? " parameter" : " parameters") +
                 " instead of " + Twine(Want),
             Mgr, BR);
      continue;
    }
    if (!isPyObjectPointerType(FD->getReturnType())) {
      report(Sem->getInit(1), VD, Key,
             "Method " + Name + ": " + Fn + " returns '" +
                 FD->getReturnType().getAsString() + "' instead of 'PyObject *'",
             Mgr, BR);
      continue;
    }
    for (unsigned P = 1; P < Have; ++P) {
      Param Want = Conv->Params[P - 1];
      QualType T = FD->getParamDecl(P)->getType();
      if (paramFits(T, Want, Ctx))
        continue;
      report(Sem->getInit(1), VD, Key,
             "Method " + Name + " is " + Conv->Name + " but parameter " +
                 Twine(P + 1) + " of " + Fn + " is '" + T.getAsString() +
                 "' instead of '" + paramName(Want) + "'",
             Mgr, BR);
      break;
    }
  }
}

void refcheck::registerMethodDefChecker(CheckerManager &Mgr) {
  registerWithConfig<MethodDefChecker>(Mgr);
}
