//===- Registration.cpp - The catalog and registration, from Checks.def ---===//
#include "CApiHelpers.h"
#include "refcheck/Checker.h"

#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"
#include "llvm/ADT/STLExtras.h"

using namespace refcheck;
using namespace clang::ento;

namespace {
enum class CheckerKind {
#define CHECKER(Name, FullName, Description, ModelsCalls) Name,
#include "refcheck/Checks.def"
};

struct CheckerEntry {
  CheckerKind Kind;
  const char *FullName;
  const char *Description;
  bool ModelsCalls;
};
} // namespace

static const CheckerEntry Checkers[] = {
#define CHECKER(Name, FullName, Description, ModelsCalls)                      \
  {CheckerKind::Name, FullName, Description, ModelsCalls},
#include "refcheck/Checks.def"
};

static const char *fullNameOf(CheckerKind K) {
  for (const CheckerEntry &E : Checkers)
    if (E.Kind == K)
      return E.FullName;
  return "";
}

static const CheckInfo Checks[] = {
#define CHECK(Name, Id, Checker, OffByDefault, Summary, Description)           \
  {Id, Summary, Description, OffByDefault, fullNameOf(CheckerKind::Checker)},
#include "refcheck/Checks.def"
};

llvm::ArrayRef<CheckInfo> refcheck::allChecks() { return Checks; }

bool refcheck::isKnownCheck(llvm::StringRef Id) {
  return llvm::any_of(Checks, [&](const CheckInfo &C) { return Id == C.Id; });
}

static const char *const FullNames[] = {
#define CHECKER(Name, FullName, Description, ModelsCalls) FullName,
#include "refcheck/Checks.def"
};

llvm::ArrayRef<const char *> refcheck::checkerFullNames() { return FullNames; }

/// A checker is worth running when it models calls for the others, or when
/// one of its checks is enabled.
static bool wanted(CheckerKind K) {
  const CheckerEntry &E = Checkers[static_cast<unsigned>(K)];
  const CheckerConfig *Cfg = activeCheckerConfig();
  if (E.ModelsCalls || !Cfg)
    return true;
  return llvm::any_of(Checks, [&](const CheckInfo &C) {
    return llvm::StringRef(C.CheckerName) == E.FullName &&
           Cfg->isEnabled(C.Id);
  });
}

#define CHECKER(Name, FullName, Description, ModelsCalls)                      \
  static bool shouldRegister##Name(const CheckerManager &) {                   \
    return wanted(CheckerKind::Name);                                          \
  }
#include "refcheck/Checks.def"

void refcheck::registerCheckers(CheckerRegistry &Registry) {
#define CHECKER(Name, FullName, Description, ModelsCalls)                      \
  Registry.addChecker(register##Name##Checker, shouldRegister##Name, FullName, \
                      Description, "docs/checks.md", /*IsHidden=*/false);
#include "refcheck/Checks.def"
  registerContractInferenceChecker(Registry);
}
