//===- Registration.cpp - The checkers beyond refcounts -------------------===//
#include "refcheck/Checker.h"

#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"

using namespace refcheck;

namespace refcheck {
void registerExceptionStateChecker(clang::ento::CheckerRegistry &Registry);
void registerNullResultChecker(clang::ento::CheckerRegistry &Registry);
void registerFormatChecker(clang::ento::CheckerRegistry &Registry);
void registerMethodDefChecker(clang::ento::CheckerRegistry &Registry);
} // namespace refcheck

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
}
