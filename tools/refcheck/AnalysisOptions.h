//===- AnalysisOptions.h - The options every subcommand shares -*- C++ -*-===//
//
// -p, --python, --api-db, --extra-arg(-before), --enable, --disable,
// --z3-crosscheck and --analyzer-config are declared once, in every
// llvm::cl subcommand: `refcheck`, `bisect`, `bisect-step` and `confirm`
// read the same option objects, validate them in one place and hand them on
// (to the driver, or to the child analyses of bisect) in one place.
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_TOOLS_ANALYSISOPTIONS_H
#define REFCHECK_TOOLS_ANALYSISOPTIONS_H

#include "refcheck/Driver.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace refcheck {

llvm::cl::OptionCategory &analysisCategory();

/// The `bisect` and `bisect-step` subcommands (BisectCommand.cpp).
llvm::cl::SubCommand &bisectCommand();
llvm::cl::SubCommand &bisectStepCommand();
/// The `confirm` subcommand (ConfirmCommand.cpp).
llvm::cl::SubCommand &confirmCommand();

/// A usage error in the analysis options (an unknown check), or nullopt.
std::optional<std::string> checkAnalysisOptions();

/// Copies the analysis options into Opts (--enable is applied with the
/// project config: see enabledChecks()).
void applyAnalysisOptions(DriverOptions &Opts);

/// The analysis options as arguments of a child `refcheck` run in another
/// folder: paths to an interpreter or an API database made absolute. -p is
/// left out (see buildDirOption()).
std::vector<std::string> analysisArguments();

/// -p, when given.
std::optional<std::string> buildDirOption();

/// --python, when given (`confirm` has its own default).
std::optional<std::string> pythonOption();

/// --enable, as given.
std::vector<std::string> enabledChecks();

/// Prints "refcheck: error: MSG" on stderr and returns Status.
int fail(const llvm::Twine &Msg, int Status = 2);

/// The output of -o FILE: the file, or stdout for "" and "-". Fails with a
/// one-line message naming the file.
llvm::Expected<std::unique_ptr<llvm::raw_ostream>>
openOutput(llvm::StringRef Path);

} // namespace refcheck
#endif
