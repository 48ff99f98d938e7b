//===- Registration.cpp - The checkers beyond refcounts -------------------===//
#include "CApiHelpers.h"
#include "refcheck/Checker.h"

#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"

using namespace refcheck;

static const char *const FullNames[] = {
    CheckerFullName,         "refcheck.ExceptionState", "refcheck.NullResult",
    "refcheck.Format",       "refcheck.MethodDef",
};

llvm::ArrayRef<const char *> refcheck::checkerFullNames() { return FullNames; }

void refcheck::registerExtraCheckers(clang::ento::CheckerRegistry &Registry) {
  registerExceptionStateChecker(Registry);
  registerNullResultChecker(Registry);
  registerFormatChecker(Registry);
  registerMethodDefChecker(Registry);
  registerContractInferenceChecker(Registry);
}
