//===- BisectCommand.h - `refcheck bisect` and `bisect-step` ---*- C++ -*-===//
#ifndef REFCHECK_TOOLS_BISECTCOMMAND_H
#define REFCHECK_TOOLS_BISECTCOMMAND_H

#include <string>
#include <vector>

namespace refcheck {

/// Whether the command line named a subcommand (after parsing it).
bool subcommandChosen();

/// Runs the chosen subcommand; Trailing is what followed `--`.
int runSubcommand(const std::vector<std::string> &Trailing, const char *Argv0);

/// Exit status for a command line that does not parse: 2, except for
/// bisect-step, where it is 128 so that `git bisect run` stops instead of
/// marking the commit bad.
int usageErrorStatus();

} // namespace refcheck
#endif
